"""The actors stage: find actor mentions and resolve them to the knowledge base.

Reads ``Document.text`` (through the spaCy parse), ``doc.focus`` and ``doc.places``;
assigns ``doc.actors`` (``ActorMention`` sorted by start, spans exact) and
``doc.operations``.  Passes, in priority order (a later pass never overlaps an
earlier mention):

1. operation names ("Operation Peace Spring", KB operations such as "Jazeera
   Storm") -> ``doc.operations``, never actors;
2. named actors and descriptions of a known actor ("Arab-Kurdish forces" in a
   Syria document), with case/context rules for short acronyms ("IS", "AA");
3. state organs from country words ("Syrian troops", "Iraqi police", "Turkey's
   army", a country acting as subject: "Turkey launched ...");
4. role nouns: bare state forces of the document country ("regime forces"),
   heads whose modifier names an actor ("Daesh jihadists"), anaphoric nouns
   ("the jihadists", "the group") and generic agents ("Civilians (Syria)");
5. pronouns: the subject of reported speech is its speaker ("the army said *it* had
   ..."); otherwise "they"/"them" when exactly one actor is in reach (``coref.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from kharita.actors.context import SPONSOR_SUFFIX, DocContext, parsed_text
from kharita.actors.coref import (
    resolve_anaphor,
    resolve_owners,
    resolve_pronouns,
    resolve_reported_speakers,
)
from kharita.actors.kb import Actor, ActorKB, load_kb
from kharita.actors.matcher import (
    ALIAS,
    COUNTRY,
    DESC,
    OPERATION,
    ROLE,
    Hit,
    PhraseMatcher,
    is_acronym,
)
from kharita.model import ActorMention, Document, Operation

# Acronyms that are also English words or common abbreviations: they need the
# parse to say they are a name, not a verb or function word.
WORD_ACRONYMS = {"IS", "US", "AS", "IT", "AT", "ON", "NO", "OR", "IN", "AN", "BE", "DO", "GO",
                 "SO", "UP", "WE", "ME", "HE", "AM", "PA", "ICE", "MSS", "AFP", "CAR", "ALP"}
# "a Russian-led bombardment", "the Saudi-led air campaign": the leader does the act
# (a "Russian-led coalition" is the coalition, its leader only one of its members)
LED_ACT = re.compile(
    r"-led\s+(?:[a-z-]+\s+){0,2}?(?:bombardments?|bombings?|offensives?|assaults?|attacks?|"
    r"strikes?|air\s?strikes?|raids?|invasion|incursion|blockade|siege|campaign|operations?|"
    r"intervention|shelling)\b", re.IGNORECASE)
GENERIC_OPERATION = re.compile(
    r"\bOperations?\s+(?:(?:[A-Z][\w'’-]*|\d{2,4}|of|the|and)\s*){1,5}")
KIND_SECTOR = {"military": "MIL", "police": "COP", "government": "GOV"}
# A news dateline: "KHARTOUM, Sudan (AP) —", "BAGHDAD (Reuters) -".
DATELINE = re.compile(
    r"\s*[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w .'’-]{1,40})?\s*(?:\([\w .&-]{1,30}\))?\s*[—–-]{1,2}\s")
OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?")
STATE_VERBS = {"say", "agree", "accuse", "reject", "announce", "demand", "warn", "insist", "offer",
               "propose", "refuse", "deny", "claim", "threaten", "vow", "pledge", "decide",
               "sign", "negotiate", "respond", "retaliate", "condemn", "urge", "ask", "promise"}
STATE_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "agent", "poss", "appos"}
ACTOR_PREPS = {"against", "with", "by", "between", "on", "to", "toward", "towards", "from", "for",
               "upon", "among", "at"}
# Verbs after which "to/from/toward X" is a destination or origin, not a recipient.
MOTION_VERBS = {"go", "come", "return", "flee", "travel", "move", "arrive", "fly", "head", "cross",
                "escape", "reach", "migrate", "deploy", "withdraw", "retreat", "leave", "enter",
                "transfer", "relocate", "smuggle", "infiltrate", "drive", "walk", "sail", "march",
                "advance", "push", "extend", "stretch", "lead", "run", "live", "stay", "visit",
                "emigrate", "immigrate", "repatriate", "deport", "expel", "evacuate", "export",
                "import", "ship", "route", "bring", "take", "carry", "be", "born", "base"}
# nouns of what is given, sent or said to a party: "aid to Mozambique", "an ultimatum to
# Togo", "an apology to Japan": after them "to X" is the party it goes to, not a place
DIRECTED_NOUNS = {"aid", "assistance", "ultimatum", "offer", "appeal", "warning", "threat",
                  "message", "letter", "loan", "grant", "apology", "donation", "concession",
                  "proposal", "request", "demand", "plea", "pledge", "promise", "credit",
                  "relief", "help", "support", "note", "protest", "complaint", "invitation"}
# what a party puts to another: "an Indian proposal", "the Australian ultimatum"
PROPOSAL_NOUNS = {"proposal", "plan", "offer", "demand", "ultimatum", "initiative", "appeal",
                  "request", "condition", "terms", "draft", "overture", "bid"}
BORDER_NOUNS = {"border", "borders", "frontier", "boundary", "crossing", "road", "highway", "line"}
PLACE_PREPS = {"in", "at", "into", "inside", "near", "across", "to", "towards", "toward",
               "through", "throughout", "within", "around", "outside", "via", "over", "of",
               "on", "for", "under", "along", "beyond"}
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
              "central", "northeastern", "northwestern", "southeastern", "southwestern",
              "north-eastern", "north-western", "south-eastern", "south-western", "upper",
              "lower", "rural", "occupied", "greater", "mainland"}
PLACE_NOUNS = {"region", "province", "city", "town", "village", "capital", "border", "territory",
               "coast", "district", "oblast", "governorate", "county", "north", "south", "east",
               "west", "airspace", "water", "mainland", "soil", "side", "part", "area", "port",
               "island", "frontier", "heartland", "interior", "enclave", "state", "countryside"}
# military sites that are also stances ("the Chinese positions on trade")
STANCE_NOUNS = {"positions", "position", "stance", "stances"}
# a force's shooting named by the word alone ("Israeli fire", "came under Russian fire");
# before another noun it is the blaze ("the Russian fire service", "a Syrian fire truck")
SHOOTING_ONLY_AS_HEAD = {"fire"}
# words of a role phrase that say the forces are the state's own ("government forces")
OWN_STATE_WORDS = {"government", "regime", "state", "army", "loyalist", "federal"}
# who rules a state: "loyal to the government", "loyal to the president"
_RULERS = {"government", "regime", "president", "junta", "state", "authorities", "king",
           "emir", "monarchy"}
# the participle after a sponsor's hyphen ("Iran-backed"): who backs, not whose
SPONSORED = {"backed", "supported", "sponsored", "funded", "trained", "armed", "allied", "aligned"}
NEUTRAL_MODIFIERS = {"government", "regime", "state", "security", "army", "national", "federal",
                     "armed", "military", "the", "pro", "-", "loyalist",
                     # how many or which of them, not whose: "additional troops",
                     # "600 more officers", "the remaining soldiers", "plainclothes police"
                     "additional", "more", "extra", "further", "remaining", "fresh",
                     "plainclothes", "uniformed", "heavily", "elite"}


# words that put the forces after a demonym outside the state ("Syrian rebel forces")
NON_STATE_WORDS = {"rebel", "rebels", "opposition", "insurgent", "insurgents", "militia",
                   "militias", "jihadist", "jihadi", "islamist", "separatist", "guerrilla",
                   "guerrillas", "resistance", "anti-government", "dissident", "breakaway",
                   "tribal", "mutinous", "renegade"}
# what a group holds or fields: "rebel positions", "army checkpoints", "Taliban bases"
# name the group whose they are (the target of an attack on them); "police station",
# "army base" as addresses stay places
HELD_BY = {"position", "positions", "checkpoint", "checkpoints", "outpost", "outposts",
           "post", "posts", "convoy", "convoys", "patrol", "patrols", "hideout", "hideouts",
           "stronghold", "strongholds", "trench", "trenches", "line", "lines", "bunker",
           "bunkers", "vehicle", "vehicles", "fighter", "fighters", "unit", "units"}


@dataclass
class Mention:
    start: int
    end: int
    actor: Actor
    type: str
    country: str | None
    sector: str | None = None
    antecedent: Mention | None = None


# words that put a leader's name out of office ("former US president", "the late",
# "ousted leader"), within the same noun phrase before the name
_FORMER = re.compile(
    r"\b(?:former|ex|the late|ousted|deposed|toppled|overthrown|exiled)"
    r"(?:[ -][\w.'-]+){0,3}?[ -](?:president|leader|premier|minister|ruler|dictator|"
    r"strongman|chancellor|king|emir|head of state|prime minister)s?,? +$", re.IGNORECASE)


class ActorResolver:
    """Pipeline stage ``(doc, sdoc) -> doc`` that fills ``doc.actors``."""

    def __init__(self, kb: ActorKB | None = None):
        self._kb = kb
        self._matcher: PhraseMatcher | None = None

    @property
    def kb(self) -> ActorKB:
        if self._kb is None:
            self._kb = load_kb()
        return self._kb

    @property
    def matcher(self) -> PhraseMatcher:
        if self._matcher is None:
            self._matcher = PhraseMatcher.for_kb(self.kb)
        return self._matcher

    def __call__(self, doc: Document, sdoc: Any) -> Document:
        if not doc.text or sdoc is None:
            doc.actors, doc.operations = [], []
            return doc
        text = parsed_text(doc, sdoc)
        if text is None:
            doc.actors, doc.operations = [], []
            doc.warnings.append("actors: the parse is not of this document's text; no actors")
            return doc
        hits = self.matcher.find(text)
        ctx = DocContext(doc, sdoc, hits, text)
        run = _Run(self.kb, ctx, hits)
        doc.operations = run.operations()
        run.named()
        run.countries()
        run.roles()
        resolve_reported_speakers(run)
        resolve_owners(run)
        resolve_pronouns(run)
        doc.actors = run.finish()
        return doc


class _Run:
    """The resolution state of one document."""

    def __init__(self, kb: ActorKB, ctx: DocContext, hits: list[Hit]):
        self.kb, self.ctx, self.hits = kb, ctx, hits
        self.text = ctx.text
        self.occupied = bytearray(len(self.text) + 1)
        self.mentions: list[Mention] = []
        self._owner: dict[int, Mention] = {}
        self._shout_cache: dict[tuple[int, int], bool] = {}
        self._roles_by_end: dict[int, list[Hit]] | None = None
        self._country_set = set(ctx.countries)
        self._long_alias_ids = {h.pattern.ref for h in hits if h.pattern.kind == ALIAS and (
            not is_acronym(h.pattern.phrase) or sum(c.isalpha() for c in h.pattern.phrase) > 4)}
        for actor_id in self._long_alias_ids:  # "FARDC" makes "M23" a Congo acronym
            actor = kb.get(actor_id)
            if actor is not None and len(actor.country) == 1:
                self._country_set.add(actor.country[0])
        self._choose_primary()

    def _choose_primary(self) -> None:
        """The document's main country: the places focus, checked against the
        actors.  Named single-country actors ("Taliban", "FARDC") and explicit
        country words vote alongside the focus scores, so one misread village
        ("Kunduz city" taken for a place in Iran) cannot move a Taliban attack
        report to Iran; without a focus they decide alone.  Their votes weigh less
        the more places the focus was read from (full weight up to three)."""
        votes: Counter[str] = Counter()
        for entry in (self.ctx.doc.focus or {}).get("countries") or []:
            if isinstance(entry, dict) and entry.get("country"):
                votes[entry["country"]] += float(entry.get("score") or 0.0)
        named: Counter[str] = Counter()
        words: Counter[str] = Counter()
        for hit in self.hits:
            if hit.pattern.kind == COUNTRY and "," not in hit.pattern.ref:
                words[hit.pattern.ref] += 1
            elif hit.pattern.kind == ALIAS and hit.pattern.ref in self._long_alias_ids:
                actor = self.kb.get(hit.pattern.ref)
                if actor is not None and len(actor.country) == 1 and "global" not in actor.tags:
                    named[actor.country[0]] += 1
        # a focus read from many places is not outvoted by a few names: a named
        # actor's home need not be the scene ("Wagner" in a report from Mali, "M23"
        # in one from Goma); in a short note one misread place is all there is
        located = sum(1 for place in self.ctx.doc.places if place.country)
        weight = min(1.0, 3.0 / max(located, 1))
        for country, n in named.items():
            votes[country] += weight * 0.6 * min(n, 2)
        for country, n in words.items():
            votes[country] += weight * 0.3 * min(n, 3)
        if not self.ctx.focus:
            for place in self.ctx.doc.places:
                if place.country:
                    votes[place.country] += 0.3
        if not votes:
            return
        best = max(votes, key=lambda c: (votes[c], c == self.ctx.primary))
        self.ctx.primary = best
        if best in self.ctx.countries:
            self.ctx.countries.remove(best)
        self.ctx.countries.insert(0, best)

    # -- bookkeeping -----------------------------------------------------------------
    def free(self, start: int, end: int) -> bool:
        return not any(self.occupied[start:end])

    def take(self, start: int, end: int) -> None:
        self.occupied[start:end] = b"\x01" * (end - start)

    def add(self, start: int, end: int, actor: Actor, mtype: str, country: str | None = None,
            sector: str | None = None, antecedent: Mention | None = None) -> Mention:
        mention = Mention(start, end, actor, mtype, country, sector, antecedent)
        self.mentions.append(mention)
        self.take(start, end)
        self._owner[start] = mention
        return mention

    def covering(self, char: int) -> Mention | None:
        """The mention whose span contains ``char`` (spans never overlap)."""
        if not (0 <= char < len(self.occupied)) or not self.occupied[char]:
            return None
        for begin in range(char, max(char - 200, -1), -1):
            mention = self._owner.get(begin)
            if mention is not None:
                return mention if char < mention.end else None
        return None

    def _by_length(self, kinds: set[str]) -> list[list[Hit]]:
        """Hits of ``kinds`` grouped by span, longest spans first."""
        groups: dict[tuple[int, int], list[Hit]] = {}
        for hit in self.hits:
            if hit.pattern.kind in kinds:
                groups.setdefault((hit.start, hit.end), []).append(hit)
        return [groups[k] for k in sorted(groups, key=lambda k: (k[0] - k[1], k[0]))]

    # -- pass 1: operations ----------------------------------------------------------
    def operations(self) -> list[Operation]:
        found: list[Operation] = []
        for group in self._by_length({OPERATION}):
            hit = group[0]
            if self.free(hit.start, hit.end):
                self.take(hit.start, hit.end)
                found.append(Operation(self.text[hit.start:hit.end], hit.start, hit.end,
                                       hit.pattern.phrase, hit.pattern.ref))
        for match in GENERIC_OPERATION.finditer(self.text):
            start, end = match.start(), match.end()
            while end > start and self.text[end - 1] in " \t\n":
                end -= 1
            for trail in (" of", " the", " and"):  # never end on a function word
                while self.text[start:end].endswith(trail):
                    end -= len(trail)
            if end - start > len("Operation ") and self.free(start, end):
                self.take(start, end)
                found.append(Operation(self.text[start:end], start, end,
                                       self.text[start:end], None))
        found.sort(key=lambda o: o.start)
        return found

    # -- pass 2: named actors and descriptions -----------------------------------------
    def named(self) -> None:
        for group in self._by_length({ALIAS, DESC}):
            start, end = group[0].start, group[0].end
            if not self.free(start, end):
                continue
            choice = self._choose(group)
            if choice is None:
                continue
            actor, mtype = choice
            actor = self._branch(actor, start)
            self.add(start, end, actor, mtype, self._country_of(actor))

    def _branch(self, actor: Actor, start: int) -> Actor:
        """The regional branch a global movement acts through where the text is set:
        "Islamic State" in a Niger paragraph is Islamic State Sahel Province, in a
        Nigeria one its West Africa Province (ACLED names them so).  Only when the
        scene is none of the movement's own countries; first branch listed wins.  An
        international body is not a movement: "the UN" in a Syrian story is the United
        Nations (its envoy, its agencies), not its Golan observer force; its missions
        are named when the text names them or their troops ("UN peacekeepers")."""
        if actor.sector == "IGO" or not self.kb.branches(actor.id):
            return actor
        scene = self._scope(start)
        if scene is None or scene in actor.country or scene in actor.acled_names:
            return actor
        for child in self.kb.branches(actor.id):
            if scene in child.country:
                return child
        return actor

    def _choose(self, group: list[Hit]) -> tuple[Actor, str] | None:
        options: list[tuple[Actor, str, str | None]] = []
        for hit in group:
            actor = self.kb.get(hit.pattern.ref)
            if actor is None:
                continue
            if hit.pattern.kind == DESC:
                if hit.pattern.extra in self._country_set:
                    options.append((actor, "description", hit.pattern.extra))
            elif self._alias_ok(hit, actor):
                options.append((actor, "named", None))
        if not options:
            return None
        if len(options) > 1:
            for country in self.ctx.countries:
                for actor, mtype, where in options:
                    if where == country or (where is None and country in actor.country):
                        return actor, mtype
        return options[0][0], options[0][1]

    def _alias_ok(self, hit: Hit, actor: Actor) -> bool:
        phrase = hit.pattern.phrase
        if self._inside_person(hit):
            return False  # "Amal Clooney", "Richard Wagner"
        if actor.terms and (not actor.serving(self.ctx.date) or _FORMER.search(
                self.text[max(0, hit.start - 60):hit.start])):
            return False  # a leader out of office ("former president Obama") is a person
        if not is_acronym(phrase):
            return True
        letters = sum(c.isalpha() for c in phrase)
        if letters <= 3 and self._shouting(hit.start):
            return False
        if phrase in WORD_ACRONYMS and not self._name_like(hit):
            return False
        if letters > 4 or not actor.country or "global" in actor.tags:
            return True
        return bool(self._country_set & set(actor.country)) or actor.id in self._long_alias_ids

    def _inside_person(self, hit: Hit) -> bool:
        """The alias is part of a longer person name found by the NER."""
        first = self.ctx.token_at(hit.start)
        last = self.ctx.last_token(hit.start, hit.end)
        if first is None or last is None or first.ent_type_ != "PERSON":
            return False
        doc = first.doc
        after = doc[last.i + 1] if last.i + 1 < len(doc) else None
        return first.ent_iob_ == "I" or (
            after is not None and after.ent_type_ == "PERSON" and after.ent_iob_ == "I")

    def _shouting(self, char: int) -> bool:
        """True inside an all-capitals sentence (a headline), where "IS" is a verb."""
        sent = self.ctx.sentence(char)
        if sent is None:
            return False
        if sent not in self._shout_cache:
            letters = [c for c in self.text[sent[0]:sent[1]] if c.isalpha()]
            self._shout_cache[sent] = len(letters) > 8 and (
                sum(c.isupper() for c in letters) > 0.6 * len(letters))
        return self._shout_cache[sent]

    def _name_like(self, hit: Hit) -> bool:
        """An acronym that is also a word ("IS", "US") counts as a name when
        hyphen-attached ("post-IS"), or when it does not follow a pronoun the way a
        verb does ("it IS").  The small parser tags every "IS" as AUX, so the test
        is on the neighbours, not on the token's own tag."""
        text = self.text
        if (hit.start > 0 and text[hit.start - 1] == "-") or text[hit.end:hit.end + 1] == "-":
            return True
        tok = self.ctx.token_at(hit.start)
        if tok is None:
            return False
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.pos_ in {"NOUN", "PROPN"}:
            return True
        return not (prev is not None and (prev.pos_ in {"PRON", "NOUN", "PROPN", "ADV"}
                                          or prev.lower_ in {"there", "what"}))

    def _country_of(self, actor: Actor) -> str | None:
        options = [k for k in actor.acled_names if k != "default"] + actor.country
        chosen = self.ctx.pick_country(options) if options else None
        if chosen is None and actor.country:
            chosen = actor.country[0]
        return chosen

    # -- pass 3: country words -----------------------------------------------------------
    def countries(self) -> None:
        roles_at: dict[int, list[Hit]] = {}
        for hit in self.hits:
            if hit.pattern.kind == ROLE:
                roles_at.setdefault(hit.start, []).append(hit)
        dateline = DATELINE.match(self.text)
        skip_to = dateline.end() if dateline else 0
        for group in self._by_length({COUNTRY}):
            hit = group[0]
            if hit.start < skip_to or not self.free(hit.start, hit.end):
                continue  # "KHARTOUM, Sudan (AP) —" names where, not who
            iso = self._country_code(hit.pattern.ref)
            if iso is not None and _leads_an_act(self.text, hit.end):
                actor = self.kb.state_actor("military", iso)
                if actor is not None:  # "a Russian-led bombardment": Russia's forces did it
                    self.add(hit.start, hit.end, actor, "state", iso, "MIL")
                continue
            if SPONSOR_SUFFIX.match(self.text, hit.end) or self.text[
                    max(0, hit.start - 5):hit.start].lower() in {"anti-", "-pro-"} or self.text[
                    max(0, hit.start - 4):hit.start].lower() == "pro-":
                continue  # "Turkish-backed", "anti-Syria", "pro-Iranian": not that state
            if is_acronym(hit.pattern.phrase) and len(hit.pattern.phrase) <= 3 and (
                    self._shouting(hit.start)):
                continue
            if iso is None:
                continue
            head = self._role_after(hit, roles_at)
            if head is not None:
                self._country_role(hit, head, iso)
            else:
                self._country_alone(hit, iso)

    def _veteran(self, kind: str, start: int) -> bool:
        """A soldier or police officer told as past ("a former British soldier", "a
        retired police officer"): a veteran is a civilian, not the state's force."""
        return kind in ("military", "police") and _former(self.text, start)

    def _country_code(self, ref: str) -> str | None:
        if "," not in ref:
            return ref
        return self.ctx.pick_country(ref.split(","))

    def _role_after(self, hit: Hit, roles_at: dict[int, list[Hit]]) -> list[Hit] | None:
        """Role hits heading the noun phrase that starts with a country word:
        "Syrian troops", "Iraqi security forces", "Turkey's army", "Syrian army soldiers"."""
        tok = self.ctx.last_token(hit.start, hit.end)
        if tok is None:
            return None
        doc = tok.doc
        for j in range(tok.i + 1, min(tok.i + 5, len(doc))):
            nxt = doc[j]
            best = self._longest_role(roles_at.get(nxt.idx))
            if best:
                end = best[0].end
                after = self.ctx.token_at(end)
                if nxt.lower_ in NON_STATE_WORDS:
                    return best  # "Syrian rebel forces": the rebels', not the state's forces
                last = self.ctx.last_token(best[0].start, end)
                if (last is not None and last.lower_ in SHOOTING_ONLY_AS_HEAD
                        and last.dep_ == "compound" and last.head.i > last.i):
                    return None
                if after is not None and after.idx < end and after.i + 1 < len(doc):
                    after = doc[after.i + 1]  # the token after the role, not its last one
                if after is not None and after.i > nxt.i and end <= after.idx <= end + 1:
                    more = self._longest_role(roles_at.get(after.idx))
                    if more:
                        return more
                return best
            if nxt.text in {"'s", "’s", "-"} or nxt.pos_ in {"ADJ", "PROPN", "NOUN", "NUM"}:
                continue
            break
        return None

    def _longest_role(self, group: list[Hit] | None) -> list[Hit] | None:
        if not group:
            return None
        group = [h for h in group if self.free(h.start, h.end)]
        if not group:
            return None
        longest = max(h.end for h in group)
        return [h for h in group if h.end == longest]

    def _country_role(self, hit: Hit, head: list[Hit], iso: str) -> None:
        start, end = hit.start, head[0].end
        keys = [h.pattern.ref for h in head]
        state = next((k for k in keys if k.startswith("state:")), None)
        bare = next((k for k in keys if k.startswith("bare:")), None)
        if state is None and bare is not None:  # "Afghan military forces"
            kind = bare.split(":", 1)[1]
            state = f"state:{kind}:{KIND_SECTOR.get(kind, 'GOV')}"
        if state is not None and self._veteran(state.split(":")[1], start):
            self.add(start, end, self.kb.generic_actor("civilians", iso), "generic", iso, "CVL")
            return
        if state is not None:
            _, kind, sector = state.split(":")
            tok = self.ctx.last_token(start, end)
            if (tok is not None and tok.lower_ in STANCE_NOUNS
                    and any(c.dep_ == "prep" and c.lower_ in ("on", "over", "regarding", "about")
                            for c in tok.children)):
                return  # "the American positions on trade": a stance, not troops dug in
            actor = self.kb.state_actor(kind, iso)
            if actor is not None:
                self.add(start, end, actor, "state", iso, sector)
            return
        generic = next((k for k in keys if k.startswith("generic:")), None)
        if generic is not None:
            kind = generic.split(":", 1)[1]
            phrase = head[0].pattern.phrase
            self.add(start, end, self.kb.generic_actor(kind, iso), "generic", iso,
                     self._generic_sector(kind, phrase))

    def _country_alone(self, hit: Hit, iso: str) -> None:
        """A country (or plural demonym) acting as an agent: "Turkey launched ...",
        "the Russians said ...", "the president of Armenia", "Moscow said"; a
        country in a place phrase is not an actor."""
        form = hit.pattern.extra
        tok = self.ctx.last_token(hit.start, hit.end)
        if tok is not None and form == "dem" and self._proposer(tok):
            # "rejected an Indian proposal", "an Australian ultimatum": a country's
            # proposal or demand is its government's
            actor = self.kb.state_actor("government", iso)
            if actor is not None:
                self.add(hit.start, hit.end, actor, "state", iso, "GOV")
            return
        if tok is None or form == "dem":
            return
        if form == "capital":
            if tok.ent_type_ in {"GPE", ""} and self._subject(tok):
                actor = self.kb.state_actor("government", iso)
                if actor is not None:
                    self.add(hit.start, hit.end, actor, "state", iso, "GOV")
            return
        if self._role_of_country(hit, iso):
            return
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        if form == "plural":
            if prev is not None and prev.lower_ == "the" and self._speaks(tok):
                actor = self.kb.state_actor("government", iso)
                if actor is not None:
                    self.add(hit.start, hit.end, actor, "state", iso, "GOV")
            else:
                self.add(hit.start, hit.end, self.kb.generic_actor("civilians", iso), "generic",
                         iso, None)
            return
        if not self._agentive(tok, named=form == "name") or any(
                c.dep_ in {"amod", "compound"} and c.lower_ in DIRECTIONS and c.idx < hit.start
                for c in tok.children):
            return  # "northern Israel" is a region ("North Korea", "South Sudan" are states)
        if tok.dep_ == "poss" and (self._names_actor(tok.head) or tok.head.lemma_ in PLACE_NOUNS):
            return  # "Sudan's paramilitary RSF" is a label, "Russia's Samara region" a place
        actor = self.kb.state_actor("government", iso)
        if actor is not None:
            self.add(hit.start, hit.end, actor, "state", iso, "GOV")

    @staticmethod
    def _proposer(tok: Any) -> bool:
        """A demonym modifying a noun of what a party proposes or demands."""
        return (tok.dep_ in {"amod", "compound"} and tok.head.i > tok.i
                and tok.head.lemma_.lower() in PROPOSAL_NOUNS)

    def _role_of_country(self, hit: Hit, iso: str) -> bool:
        """"the president of Armenia", "the army of Syria": a state head + "of" + country."""
        before = self.text[max(0, hit.start - 8):hit.start]
        cut = next((len(t) for t in (" of the ", " of ") if before.endswith(t)), 0)
        if not cut:
            return False
        role_end = hit.start - cut
        if self._roles_by_end is None:
            self._roles_by_end = {}
            for role in self.hits:
                if role.pattern.kind == ROLE and role.pattern.ref.startswith("state:"):
                    self._roles_by_end.setdefault(role.end, []).append(role)
        for role in self._roles_by_end.get(role_end, []):
            if self.free(role.start, role.end):
                _, kind, sector = role.pattern.ref.split(":")
                actor = self.kb.state_actor(kind, iso)
                if actor is not None:
                    self.add(role.start, hit.end, actor, "state", iso, sector)
                    return True
        return False

    def _names_actor(self, tok: Any) -> bool:
        """Whether ``tok`` or its own modifiers are inside a named actor mention."""
        tokens = [tok, *[c for c in tok.children if c.dep_ in {"compound", "amod"}]]
        return any((m := self.covering(t.idx)) is not None and m.type in {"named", "description"}
                   for t in tokens)

    @staticmethod
    def _speaks(tok: Any) -> bool:
        """"the Russians said/agreed/warned": a people named as a state acting;
        "the Albanians fled" stays civilians."""
        return tok.dep_ == "nsubj" and tok.head.lemma_ in STATE_VERBS

    @staticmethod
    def _subject(tok: Any) -> bool:
        """The capital is (in) the subject: "Moscow said", "Ankara and Damascus agreed";
        not a word before someone it says is from there ("a Leeds student
        left", "a Kabul shopkeeper said")."""
        head_tok = tok
        while head_tok.dep_ in {"compound", "conj"} and head_tok.head is not head_tok:
            if head_tok.dep_ == "compound" and not head_tok.head.ent_type_:
                return False
            head_tok = head_tok.head
        return head_tok.dep_ == "nsubj"

    @staticmethod
    def _agentive(tok: Any, named: bool = False) -> bool:
        """Subject, object or possessor; or the object of "against/with/by".  A
        country's full name (``named``) may be tagged a location ("South Sudan")."""
        head_tok = tok
        while head_tok.dep_ in {"compound", "conj"} and head_tok.head is not head_tok:
            head_tok = head_tok.head
        kinds = {"GPE", "NORP", "ORG", "LOC"} if named else {"GPE", "NORP", "ORG"}
        if head_tok.ent_type_ and head_tok.ent_type_ not in kinds:
            return False
        dep = head_tok.dep_
        if dep in STATE_DEPS:
            return True
        if dep == "pobj":
            prep = head_tok.head
            governor = prep.head
            if prep.lower_ not in ACTOR_PREPS or governor.lower_ in BORDER_NOUNS:
                return False
            if prep.lower_ in {"to", "toward", "towards"} and governor.pos_ == "NOUN":
                return governor.lemma_.lower() in DIRECTED_NOUNS
            if prep.lower_ in {"to", "toward", "towards", "from", "at"}:
                return governor.pos_ == "VERB" and governor.lemma_ not in MOTION_VERBS
            return True
        return False

    # -- pass 4: role nouns ---------------------------------------------------------------
    def roles(self) -> None:
        groups = [g for g in self._by_length({ROLE})]
        groups.sort(key=lambda g: g[0].start)
        taken_ends: set[int] = set()
        for group in groups:
            longest = max(h.end for h in group)
            start = group[0].start
            group = [h for h in group if h.end == longest]
            if not self.free(start, longest) or longest in taken_ends:
                continue
            if self._role(group, start, longest):
                taken_ends.add(longest)

    def _role(self, group: list[Hit], start: int, end: int) -> bool:
        tok = self.ctx.last_token(start, end)
        if tok is None or tok.pos_ not in {"NOUN", "PROPN"}:
            return False
        if start > 0 and self.text[start - 1] in "-‐":
            return False  # "Secretary-General", "Attorney-General"
        if tok.dep_ in {"compound", "amod"} and tok.head.i > tok.i and tok.head.pos_ != "PROPN" \
                and tok.head.lemma_.lower() not in HELD_BY:
            return False  # "police station", "army base"; but "army chief Burhan" is a title
        keys = {h.pattern.ref for h in group}
        phrase = group[0].pattern.phrase
        if self._loyal(tok, start, end, keys):
            return True
        owner = self._modifier_actor(tok, start)
        if owner is not None:
            sector = None
            if owner.actor.sector == "IGO":  # "UN peacekeepers", "NATO troops"
                sector = next((k.split(":")[2] for k in keys if k.startswith("state:")), None)
            self.add(start, end, owner.actor, "description", owner.country, sector, owner)
            return True
        bare = next((k for k in keys if k.startswith("bare:")), None)
        country = self._own_place(tok) or self._scope(start)
        if country is not None and country == self._country_left(tok):
            country = self._other_state(start, country)
        if bare is not None and country and self._veteran(bare.split(":", 1)[1], start):
            self.add(start, end, self.kb.generic_actor("civilians", country), "generic", country,
                     "CVL")
            return True
        if bare is not None and country:
            actor = self.kb.state_actor(bare.split(":", 1)[1], country)
            if actor is not None and self._bare_state_ok(tok, phrase):
                sector = next((k.split(":")[2] for k in keys if k.startswith("state:")), None)
                self.add(start, end, actor, "state", country, sector)
                return True
        ana = next((k for k in keys if k.startswith("ana:")), None)
        if ana is not None and resolve_anaphor(self, tok, ana.split(":", 1)[1], start, end):
            return True
        generic = next((k for k in keys if k.startswith("generic:")), None)
        if generic is None or not self._specific_enough(tok, phrase):
            return False
        kind = generic.split(":", 1)[1]
        self.add(start, end, self.kb.generic_actor(kind, country), "generic", country,
                 self._generic_sector(kind, phrase))
        return True

    def _own_place(self, tok: Any) -> str | None:
        """The country of a place the role noun itself names: "the governor **of
        Idlib**", "police **in Kano**", "**Kano** police"."""
        for child in tok.children:
            if child.dep_ == "compound" and child.i < tok.i:
                found = self.ctx.place_country(child)
            elif child.dep_ == "prep" and child.lower_ in {"of", "in"}:
                found = next((self.ctx.place_country(p) for p in child.children
                              if p.dep_ == "pobj"), None)
            else:
                continue
            if found:
                return found
        return None

    def _country_left(self, tok: Any) -> str | None:
        """The country the role noun's people are leaving or sent to ("the withdrawal
        of 2,000 troops **from Syria**", "pull its soldiers out of Mali", "ordered
        3,000 troops **to Poland**"): a whole country, named by "from"/"out of"/"to"/
        "into" on the noun or on the act it belongs to."""
        for head in (tok, tok.head, tok.head.head):
            for child in head.children:
                if child.dep_ not in ("prep", "dative") or child.lower_ not in (
                        "from", "out", "to", "into"):
                    continue
                objs = [c for c in child.children if c.dep_ == "pobj"] + [
                    g for c in child.children if c.dep_ == "prep" for g in c.children
                    if g.dep_ == "pobj"]  # "out of Mali"
                for obj in objs:
                    place = self.ctx.place_at(obj)
                    if place is not None and (place.feature_code or "").startswith("PCL"):
                        return place.country
            if head.dep_ not in ("pobj", "prep", "dobj", "nsubj", "nsubjpass") or head.head == head:
                break
        return None

    def _other_state(self, start: int, left: str) -> str | None:
        """The state named in the sentence other than the country being left: the
        state whose leader or government orders the withdrawal ("Trump ordered the
        withdrawal of troops from Syria"); None when there is none."""
        sent = self.ctx.sentence(start)
        if sent is None:
            return None
        for mention in self.mentions:
            if sent[0] <= mention.start < sent[1] and mention.country not in (None, left) \
                    and mention.actor.sector in ("GOV", "MIL") and mention.actor.inter == 1:
                return mention.country
        return None

    def _scope(self, start: int) -> str | None:
        """Country of an unnamed actor: the only country of its sentence's places
        when the document is about it too (one stray place is no evidence), else the
        country of the last place named before it in its paragraph or the previous
        one (roundups move from country to country), else the document's main
        country."""
        sent_countries = self.ctx.sentence_countries(start)
        if len(sent_countries) == 1 and sent_countries[0] in self.ctx.focus[:3]:
            return sent_countries[0]
        recent = self.ctx.recent_country(start)
        if recent is not None and self.ctx.rival_scene(recent):
            return recent
        return self.ctx.primary

    def _modifier_actor(self, tok: Any, start: int) -> Mention | None:
        """The actor named by a modifier of ``tok``: "Daesh jihadists", "IS fighters",
        "the jihadists of the Islamic State", "Hezbollah's fighters"."""
        for child in tok.children:
            if child.dep_ in {"compound", "amod", "nmod", "poss"}:
                if child.i > tok.i:
                    continue
                target = child
            elif child.dep_ == "prep" and child.lower_ == "of":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if not pobj:
                    continue
                target = pobj[0]
            else:
                continue
            mention = self.covering(target.idx)
            if mention is not None and mention.type in {"named", "description"}:
                return mention
        # The parse may miss the attachment ("IS sleeper cells" with "IS" read as a
        # verb): a named mention right before the noun, separated by one space, or
        # right after it behind "of (the)" ("fighters of Hayat Tahrir al-Sham").
        if start >= 2 and self.text[start - 1] == " ":
            mention = self.covering(start - 2)
            if mention is not None and mention.type == "named" and mention.end == start - 1:
                return mention
        after = OF_NAME.match(self.text, tok.idx + len(tok))
        if after is not None:
            mention = self.covering(after.end())
            if mention is not None and mention.type == "named" and mention.start == after.end():
                return mention
        return None

    def _loyal(self, tok: Any, start: int, end: int, keys: set[str]) -> bool:
        """Whose the role noun's people are when told as loyal to someone: "troops loyal
        to the Chadian president" are that state's military, "militiamen loyal to the
        government" a pro-government militia, "fighters loyal to <a group's leader>"
        that group."""
        adj = next((c for c in tok.children if c.dep_ == "amod" and c.lower_ == "loyal"
                    and c.i > tok.i), None)
        if adj is None:
            return False
        objs = [o for p in adj.children if p.dep_ == "prep" and p.lower_ == "to"
                for o in p.children if o.dep_ == "pobj"]
        if not objs:
            return False
        obj = objs[0]
        owner = self.covering(obj.idx)
        country = None
        if owner is not None and owner.type == "state" and owner.actor.sector in ("GOV", "MIL"):
            country = owner.country
        elif owner is None and obj.lemma_.lower() in _RULERS:
            country = self._own_place(obj) or self._scope(start)  # "loyal to the government"
        elif owner is not None and owner.type in ("named", "description") and (
                owner.actor.kind != "state"):
            self.add(start, end, owner.actor, "description", owner.country, None, owner)
            return True
        if country is None:
            return False
        if any(k.startswith("state:military") or k == "bare:military" for k in keys):
            actor, kind, sector = self.kb.state_actor("military", country), "state", "MIL"
        else:  # "gunmen", "militiamen", "fighters" loyal to a state: its militia
            actor, kind, sector = self.kb.generic_actor("progov_militia", country), "generic", "MIL"
        if actor is None:
            return False
        self.add(start, end, actor, kind, country, sector)
        return True

    def _bare_state_ok(self, tok: Any, phrase: str) -> bool:
        """Bare "troops"/"army" denote the document country's forces unless a
        modifier names someone else ("rebel troops", "foreign troops")."""
        words = set(phrase.split()) | NEUTRAL_MODIFIERS
        if words & OWN_STATE_WORDS:
            # "Iran-backed government forces" are still the government's: a sponsor
            # says who backs them; bare "Iran-backed forces" may be anyone's
            words |= SPONSORED
        return not any(child.dep_ in {"amod", "compound", "nmod"} and child.idx < tok.idx
                       and child.lower_ not in words for child in tok.children)

    def _specific_enough(self, tok: Any, phrase: str) -> bool:
        vague = set(self.kb.roles.get("vague_alone") or [])
        if phrase not in vague:
            return True
        return any(c.dep_ in {"nummod", "amod", "compound", "quantmod"} for c in tok.children)

    def _generic_sector(self, kind: str, phrase: str) -> str | None:
        """Sector of an unnamed actor: "farmers" AGR, "rebels" REB, "gunmen" UAF."""
        table = {"civilians": "civilian_sectors", "armed_group": "armed_sectors"}.get(kind)
        for sector, nouns in (self.kb.roles.get(table) or {}).items() if table else ():
            if phrase in nouns:
                return sector
        return None

    # -- output -----------------------------------------------------------------------------
    def finish(self) -> list[ActorMention]:
        self.mentions.sort(key=lambda m: (m.start, m.end))
        index = {id(m): i for i, m in enumerate(self.mentions)}
        out: list[ActorMention] = []
        for m in self.mentions:
            actor = m.actor
            name = actor.name if actor.kind == "generic" else self.kb.acled_name(
                actor.id, m.country, self.ctx.date)
            inter = actor.inter
            home = m.country or (actor.country[0] if actor.country else None)
            if inter == 1 and self.ctx.primary and home and home != self.ctx.primary:
                inter = 8  # state forces acting outside their own country (ACLED)
            out.append(ActorMention(
                text=self.text[m.start:m.end], start=m.start, end=m.end, actor_id=actor.id,
                name=name, type=m.type, sector=m.sector or actor.sector, country=home,
                inter=inter, wikidata=actor.qid, canonical=actor.name,
                antecedent=index.get(id(m.antecedent)) if m.antecedent is not None else None))
        return out


def _leads_an_act(text: str, end: int) -> bool:
    """The country word at ``end`` is "X-led" before an act: "a Russian-led offensive"."""
    return LED_ACT.match(text, end) is not None


_PAST_ROLE = re.compile(r"\b(?:former|retired|ex-?|onetime|one-time)\s*$", re.IGNORECASE)


def _former(text: str, start: int) -> bool:
    """The words before ``start`` make the role a past one: "a former", "retired", "ex-"."""
    return _PAST_ROLE.search(text, max(0, start - 12), start) is not None
