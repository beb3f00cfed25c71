"""End to end on the illustrative wire-style examples (``examples/*.txt``, written for
kharita): the behaviours each article was written to exercise.  Needs the built
gazetteer; skipped with a message otherwise.

The coder's behaviours are read from every candidate the events stage codes (the
reporting stage off); what the reporting stage keeps of them is tested last."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


NAMES = ["gaza_wire.txt", "sahel_roundup.txt", "ukraine_withdrawal.txt"]


def _code(reporting: bool) -> dict:
    from kharita import settings

    if not Path(settings.gazetteer_path()).exists():
        pytest.skip("gazetteer not built: run `kharita gazetteer build`")
    from kharita.ingest import read_inputs
    from kharita.pipeline import Options, Pipeline

    pipe = Pipeline(Options(reporting=reporting, workers=1))
    docs = list(pipe.process(read_inputs([str(EXAMPLES / n) for n in NAMES])))
    return dict(zip(NAMES, docs))


@pytest.fixture(scope="module")
def coded():
    return _code(reporting=False)


@pytest.fixture(scope="module")
def reported():
    return _code(reporting=True)


def _by_trigger(doc, word):
    found = [e for e in doc.events if e.trigger.text.startswith(word)]
    assert found, [e.trigger.text for e in doc.events]
    return found[0]


def _role(ev, role):
    return next((a for a in ev.actors if a.role == role), None)


def test_gaza_wire(coded):
    doc = coded["gaza_wire.txt"]
    strikes = [e for e in doc.events if e.type == "ASSAULT" and e.acled_sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1  # the headline is folded into the lede
    ev = strikes[0]
    assert _role(ev, "actor1").name.startswith("Military Forces of Israel")
    assert any(s.text.startswith("Israeli strikes kill 20") for s in ev.more_evidence)
    assert ev.attribution is not None and ev.attribution.text == "local health officials"
    arrest = _by_trigger(doc, "arrested")
    assert arrest.acled_sub_event_type == "Arrests"
    assert not any(e.trigger.text == "raids" for e in doc.events)
    assert not _by_trigger(doc, "fired").trigger.text.endswith(" on")


def test_sahel_roundup(coded):
    doc = coded["sahel_roundup.txt"]
    kidnap = _by_trigger(doc, "kidnapped")
    assert kidnap.acled_sub_event_type == "Abduction/forced disappearance"
    assert kidnap.more_evidence  # the headline "Gunmen abduct 40 villagers ..."
    ambush = next(e for e in doc.events if e.fatalities and e.fatalities.best == 17)
    assert _role(ambush, "actor1").actor_id == "is_sahel"
    assert _role(ambush, "actor2").name.startswith("Military Forces of Niger")
    assert ambush.location.country == "NE"  # not Mali, beyond the border
    fled = _by_trigger(doc, "fled")
    assert fled.location is not None and fled.location.country == "NE"


def test_ukraine_withdrawal(coded):
    doc = coded["ukraine_withdrawal.txt"]
    withdrawal = next(e for e in doc.events if e.type == "RETREAT" and e.kind == "movement")
    assert withdrawal.origin is not None and withdrawal.origin.geonameid == 713122  # Avdiivka
    assert not any((a.actor_id or "").endswith("_ru") for a in withdrawal.actors)
    assert _by_trigger(doc, "captured").modality == "asserted"
    shot = _by_trigger(doc, "shot down")
    assert _role(shot, "actor1") is None or _role(shot, "actor1").actor_id != "military_ua"
    attacking = _by_trigger(doc, "attacking")
    assert attacking.location is not None and attacking.location.geonameid == 713122


def test_reporting_keeps_the_news_of_each_example(reported):
    from kharita.reporting.features import in_scope

    for name, doc in reported.items():
        scoped = [e for e in doc.events if in_scope(e)]
        assert scoped, name
        assert doc.relevance is not None and doc.relevance >= 0.5, name
        assert all(e.evidence in e.mentions for e in doc.events), name
    withdrawal = [e for e in reported["ukraine_withdrawal.txt"].events
                  if e.kind == "movement" and e.type == "RETREAT" and in_scope(e)]
    assert withdrawal and withdrawal[0].origin is not None
    # the headline and the lede tell one withdrawal: one event, both tellings kept
    assert len(withdrawal) == 1 and len(withdrawal[0].mentions) >= 2
