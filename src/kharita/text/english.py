"""A small lexicon of English words common in news headlines and leads.

Used only to recognise short English texts (headlines, one-line JSONL
records) that a character n-gram classifier misjudges because proper nouns
dominate them ("Gunmen kill 12 in Zamfara").  Words were chosen because they
are frequent in English news and rare as whole words in other languages
written in the Latin script.
"""

from __future__ import annotations

_FUNCTION = """
the of and to is was were are been has have had that this with for from at which who said
says their they there would could should after before into about than its his them these
those what when where while not but it be amid near against during without between since
until within across toward towards
"""

_NEWS = """
kill kills killed killing killings dead death deaths died dying wound wounds wounded
injure injures injured injuring attack attacks attacked attacking strike strikes struck bomb
bombs bombed bombing bombings blast blasts explosion explosions explode explodes exploded
shell shells shelled shelling fire fires fired firing gunfire gunmen gunman shoot shoots
shot shooting fight fights fought fighting fighters clash clashes clashed rebel rebels
insurgent insurgents militant militants militia militias troops soldier soldiers army
officers officer protest protests protesters protesting demonstrators rally rallies march
marched riot riots arrest arrests arrested detain detained detains abduct abducts abducted
kidnap kidnaps kidnapped hostage hostages seize seizes seized capture captures captured
retake retakes retook recapture flee flees fled displaced refugees civilians children women
people villagers residents group groups government ministry official officials spokesman
says talks ceasefire truce peace deal agreement sign signs signed meet meets visit visits
condemn condemns condemned warn warns warned threat threatens threatened accuse accuses
accused deny denies denied claim claims claimed responsibility roadside airstrike airstrikes
raids raided ambush ambushed convoy checkpoint town city border north south east west
northern southern eastern western states country countries election elections voters
trial sentence sentenced jail release released free freed aid food school schools market
church mosque bridge road week day days year years month months new old first last two three
four five seven eight nine dozens hundreds thousands least more than toll rises rise rising
hit hits erupt erupts erupted rock rocks rocked leave leaves left take takes took launch
launches launched end ends ended resumes resumed urge urges urged call calls called demand
demands demanded move moves moved send sends deploy deploys deployed withdraw withdraws
withdrew withdrawal offensive security unrest tensions emergency curfew siege occupied
invade invaded
"""

WORDS = frozenset((_FUNCTION + _NEWS).split())
FUNCTION_WORDS = frozenset(_FUNCTION.split())
