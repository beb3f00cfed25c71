"""Event dates resolved against fixed publication dates (no clock involved)."""

from __future__ import annotations

import pytest

from kharita import nlp
from kharita.events.dates import event_date, find_dates, parse_published
from kharita.model import Document

PUB = "2020-03-21"  # a Saturday


def _date(text: str, published: str | None = PUB, trigger: str | None = None):
    sdoc = nlp.load()(text)
    sent = next(iter(sdoc.sents))
    trig = None
    if trigger is not None:
        trig = next(t for t in sdoc if t.text == trigger)
    doc = Document(id="t", text=text, published=published)
    return event_date(doc, sent, trig)


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("On Tuesday, 12 militants were killed in Homs.", "2020-03-17", 1),
        ("Jets struck the town on Saturday.", "2020-03-21", 1),  # same weekday = publication day
        ("Jets struck the town last Saturday.", "2020-03-14", 1),
        ("Militants attacked a checkpoint yesterday.", "2020-03-20", 1),
        ("Overnight, jets struck the town.", "2020-03-20", 1),
        ("Jets struck the town early today.", "2020-03-21", 1),
        ("On 12 March, troops shelled the town.", "2020-03-12", 1),
        ("Troops shelled the town on March 12.", "2020-03-12", 1),
        ("Troops shelled the town on 12/03.", "2020-03-12", 1),
        ("On 25 December, troops shelled the town.", "2019-12-25", 1),  # would be after publication
        ("Fighting erupted last week in Idlib.", "2020-03-14", 2),
        ("Fighting erupted in February in Idlib.", "2020-02-15", 3),
        ("Fighting erupted earlier this month in Idlib.", "2020-03-15", 3),
        ("On the 5th, the rebels took the town.", "2020-03-05", 1),
        ("Three days ago, the rebels took the town.", "2020-03-18", 1),
        ("The rebels took the town on 3 May 2019.", "2019-05-03", 1),
        # a year known only as a year: its middle, month-or-worse precision (background)
        ("The militants seized the city in 2014.", "2014-07-01", 3),
        ("The army retook the valley last year.", "2019-07-01", 3),
        ("Earlier this year the rebels took the town.", "2020-03-21", 3),
        # a month named with last/this: the latest such month, this year's
        ("Last April's gas attack killed dozens in the town.", "2019-04-15", 3),
        ("The rebels took the town last March.", "2019-03-15", 3),
        ("The rebels took the town last February.", "2020-02-15", 3),
        ("The rebels took the town this January.", "2020-01-15", 3),
        # years counted back, and a year told as "of 2016"
        ("The rebels took the town four years ago.", "2016-07-01", 3),
        ("The army shelled the town in the summer of 2016.", "2016-07-01", 3),
        ("Militants seized the town in the 1990s.", "1995-07-01", 3),
        ("The army retook the valley in the 2014 offensive.", "2014-07-01", 3),
    ],
)
def test_relative_and_absolute_dates(text: str, iso: str, precision: int) -> None:
    date, prec, span = _date(text)
    assert (date, prec) == (iso, precision)
    assert span is not None and text[span.start:span.end] == span.text


def test_a_modal_may_after_this_is_no_month() -> None:
    assert [m.kind for m in find_dates("This may take weeks, the rebels said.", 0,
                                       parse_published(PUB))] == []


def test_no_date_in_text_gets_publication_with_week_precision() -> None:
    assert _date("The rebels took the town.") == ("2020-03-21", 2, None)


def test_no_publication_never_uses_today() -> None:
    assert _date("The rebels took the town on Tuesday.", published=None) == (None, None, None)
    assert _date("The rebels took the town.", published=None) == (None, None, None)
    assert _date("The rebels took the town on 3 May 2019.", published=None)[0] == "2019-05-03"


def test_report_date_is_week_precision() -> None:
    date, prec, _ = _date("As reported on 19 March 2020, 6 militants were killed.", trigger="killed")
    assert (date, prec) == ("2020-03-19", 2)


def test_date_attached_to_trigger_wins() -> None:
    text = "Officials said on Friday that militants attacked the base on Wednesday."
    assert _date(text, trigger="attacked")[0] == "2020-03-18"


def test_a_date_in_a_relative_clause_on_another_noun_dates_that_clause() -> None:
    # the strike was called on Tuesday; the blockade is undated here (publication,
    # precision 2)
    text = "The blockade angered the traders' union, which called a strike on Tuesday."
    assert _date(text, trigger="blockade")[:2] == ("2020-03-21", 2)
    assert _date(text, trigger="strike")[:2] == ("2020-03-17", 1)
    # a relative clause on the event itself dates it
    text = "The attack, which took place on Tuesday, killed five soldiers."
    assert _date(text, trigger="attack")[:2] == ("2020-03-17", 1)


def test_earlier_sentence_in_paragraph() -> None:
    text = "On Monday fighting broke out in the north. Two soldiers were killed."
    sdoc = nlp.load()(text)
    sent = list(sdoc.sents)[1]
    doc = Document(id="t", text=text, published=PUB)
    assert event_date(doc, sent, None)[:2] == ("2020-03-16", 1)


def test_datetime_publication_and_lowercase_verbs() -> None:
    assert parse_published("2020-03-21T23:10:00+00:00").isoformat() == "2020-03-21"
    assert parse_published("not a date at all") is None
    assert find_dates("Troops may 5 times a day march on.", 0, parse_published(PUB)) == []


def test_future_weekday_is_the_coming_one() -> None:
    assert _date("The envoys will meet on Tuesday in Geneva.", trigger="meet")[0] == "2020-03-24"
    assert _date("The envoys met on Tuesday in Geneva.", trigger="met")[0] == "2020-03-17"


def test_relative_publication_string_is_not_resolved_against_today() -> None:
    assert parse_published("yesterday") is None
    assert parse_published("5 hours ago") is None
    assert parse_published("Tue, 03 Mar 2020 10:00:00 GMT").isoformat() == "2020-03-03"
    assert _date("The rebels took the town.", published="yesterday") == (None, None, None)


def test_days_counted_from_an_earlier_date() -> None:
    text = "On 12 March militants attacked the town. The next day, troops retook it."
    sdoc = nlp.load()(text)
    sent = list(sdoc.sents)[1]
    doc = Document(id="t", text=text, published=PUB)
    retook = next(t for t in sdoc if t.text == "retook")
    date, prec, span = event_date(doc, sent, retook)
    assert (date, prec, span.text) == ("2020-03-13", 1, "The next day")
    alone = "The next day, troops retook it."
    assert _date(alone, trigger="retook") == ("2020-03-21", 2, None)


def test_a_report_day_earlier_in_the_paragraph_dates_no_later_happening_to_the_day() -> None:
    # "said on Tuesday" dates the statement; the sentence after it inherits the day
    # only as week precision, as the statement's own clause does
    text = "The coalition said on Tuesday that its troops had been attacked. " \
           "Officers said the attackers were fighting alongside the regime."
    sdoc = nlp.load()(text)
    sent = list(sdoc.sents)[1]
    doc = Document(id="t", text=text, published=PUB)
    assert event_date(doc, sent, None)[:2] == ("2020-03-17", 2)


def _date_of(text: str, trigger: str, published: str | None = PUB):
    """The date of the event whose trigger is the first token ``trigger``, in any sentence."""
    sdoc = nlp.load()(text)
    trig = next(t for t in sdoc if t.text == trigger)
    return event_date(Document(id="t", text=text, published=published), trig.sent, trig)


def test_an_undated_happening_in_another_paragraph_takes_the_articles_news_day() -> None:
    text = ("Rebels seize border post in the north\n"
            "Rebels seized a border post near the river on Thursday, officials said.\n"
            "Hundreds of families fled towards the provincial capital.")
    # the headline and a later paragraph tell the news of the lede's day; no date is
    # told for them, so the precision stays that of an undated happening
    assert _date_of(text, "seize") == ("2020-03-19", 2, None)
    assert _date_of(text, "fled") == ("2020-03-19", 2, None)
    assert _date_of(text, "seized")[:2] == ("2020-03-19", 1)


def test_an_old_day_is_no_news_day() -> None:
    text = "The rebels first took the town on 3 May 2019.\nHundreds of families fled."
    assert _date_of(text, "fled") == ("2020-03-21", 2, None)


@pytest.mark.parametrize(
    ("text", "trigger", "iso"),
    [
        # the report's day is closer on the tree than the happening's own, told far down
        (("Gunmen attacked a bus carrying workers to a quarry near the border town on "
          "Sunday evening, the regional governor told reporters on Monday."), "attacked", "2020-03-15"),
        (("The militia said on Wednesday that its fighters had ambushed an army convoy on "
          "the highway south of the capital on Monday night."), "ambushed", "2020-03-16"),
    ],
)
def test_a_day_told_for_the_happening_beats_the_reports_day(text: str, trigger: str, iso: str) -> None:
    assert _date(text, trigger=trigger)[:2] == (iso, 1)


def test_a_month_told_for_another_clause_is_not_the_events_date() -> None:
    # "this month" is when the offensive was announced, not when the market was shelled
    text = "The shelling of the market came days after the army announced an offensive this month."
    assert _date(text, trigger="shelling") == ("2020-03-21", 2, None)
    assert _date(text, trigger="announced")[:2] == ("2020-03-15", 3)
    # an adverbial clause of the trigger places it in time
    text = "The prisoner was transferred to a military jail soon after falling ill last month."
    assert _date(text, trigger="transferred")[:2] == ("2020-02-15", 3)


def test_a_week_or_month_told_for_the_event_takes_a_day_the_article_names_inside_it() -> None:
    text = ("Militants stormed a police post on 11 March, killing four officers.\n"
            "The attack last week was the deadliest in the province this year.")
    date, prec, span = _date_of(text, "attack")
    assert (date, prec, span.text) == ("2020-03-11", 2, "last week")  # the week is what is told
    # no day of that week named: the middle of the week, as before
    assert _date("The attack last week was the deadliest in the province.", trigger="attack")[:2] \
        == ("2020-03-14", 2)


def test_counted_weeks_and_days_ago() -> None:
    assert _date("The convoy was ambushed twelve days ago.", trigger="ambushed")[:2] == ("2020-03-09", 2)


@pytest.mark.parametrize(
    ("text", "trigger", "iso"),
    [
        # reported future, noun trigger: the coming Friday
        ("The union said it would hold a march in the capital on Friday.", "march", "2020-03-27"),
        # a day and month after publication, told of a future happening: this year's
        ("Organisers announced that they will march to parliament on 2 April.", "march", "2020-04-02"),
        # a past day of another clause, or a possessive day, stays in the past
        ("Police said they had detained 20 people on Friday and that they would be deported.",
         "deported", "2020-03-20"),
        ("Friday's battle will not be the last.", "battle", "2020-03-20"),
    ],
)
def test_future_happenings_take_the_coming_day(text: str, trigger: str, iso: str) -> None:
    assert _date(text, trigger=trigger)[0] == iso


def test_a_length_of_time_is_no_date() -> None:
    # "45 days" is a DATE entity of the parse, but a length: no day 45 days ago
    assert _date("Troops must leave the valley within 45 days, the accord says.",
                 trigger="leave") == ("2020-03-21", 2, None)


def test_the_day_after_a_happening_is_not_counted_from_the_date_before() -> None:
    pub = parse_published(PUB)
    text = "Families fled on 4 March, the day after the shelling began."
    assert [(m.kind, m.date.isoformat()) for m in find_dates(text, 0, pub)] == [("dmy", "2020-03-04")]
    text = "Militants attacked the town on 4 March. The day after, troops retook it."
    assert [m.date.isoformat() for m in find_dates(text, 0, pub)] == ["2020-03-04", "2020-03-05"]


def test_a_year_of_an_earlier_sentence_frames_that_sentence_not_the_news_after_it() -> None:
    text = ("Militants stormed a police post on Thursday, officials said.\n"
            "In 2017 the same group seized the district. Dozens of families fled.")
    assert _date_of(text, "fled") == ("2020-03-19", 2, None)
    # with no day anywhere in the article, the paragraph's year is all there is
    text = "In 2017 the same group seized the district. Dozens of families fled."
    assert _date_of(text, "fled")[:2] == ("2017-07-01", 3)


def test_a_happening_told_a_day_after_or_before_a_dated_one_is_counted_from_it() -> None:
    text = "Traders closed their shops on Thursday, a day after soldiers raided the market."
    assert _date(text, trigger="raided")[:2] == ("2020-03-18", 1)
    assert _date(text, trigger="closed")[:2] == ("2020-03-19", 1)
    text = "Students marched on Tuesday, two days before the army shelled the campus."
    assert _date(text, trigger="shelled")[0] == "2020-03-19"


@pytest.mark.parametrize(("text", "trigger", "iso", "precision"), [
    # a year that starts a span frames no later sentence
    ("The airbase has been held by the group since 2015. The army shelled it.", "shelled",
     "2020-03-21", 2),
    # told as now: the news, not an earlier sentence's year
    ("In 2015 the group seized the airbase. The army has threatened to retake it.", "threatened",
     "2020-03-21", 2),
    # told in the past after a year: that year frames it
    ("In 2015 the group seized the airbase. The army shelled it.", "shelled", "2015-07-01", 3),
])
def test_an_earlier_year_frames_only_what_is_told_in_its_past(text, trigger, iso, precision) -> None:
    assert _date_of(text, trigger)[:2] == (iso, precision)


def test_a_force_poised_to_act_is_news_of_now() -> None:
    text = "In 2015 the group seized the airbase. Government troops are poised to storm it."
    assert _date_of(text, "storm")[:2] == ("2020-03-21", 2)


def test_an_act_said_with_a_modal_is_news_of_now() -> None:
    # "could", "may", "must" speak of now, not of a decade counted back a sentence before
    text = "The army took the valley a decade ago. The rule could also apply to the withdrawal."
    assert _date_of(text, "withdrawal")[:2] == ("2020-03-21", 2)
    text = "The army took the valley a decade ago. The rule applied to the withdrawal."
    assert _date_of(text, "withdrawal")[:2] == ("2010-07-01", 3)


def test_a_purpose_of_a_present_perfect_is_news_of_now() -> None:
    text = "In 1936 volunteers went to Spain. She has given up her career to fight the militants."
    assert _date_of(text, "fight")[:2] == ("2020-03-21", 2)


def test_a_comparison_since_a_year_is_no_date() -> None:
    # "the worst since 2016" measures the happening against 2016; it did not happen then
    text = "Militants attacked the base in the worst assault since 2016."
    assert _date(text, trigger="attacked")[:2] == ("2020-03-21", 2)
    text = "The fighting, the heaviest since the truce of 2018, stopped after a day."
    assert _date(text, trigger="fighting")[:2] == ("2020-03-21", 2)
