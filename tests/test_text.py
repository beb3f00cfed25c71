"""Text stage: clean text, chrome rules, metadata, language, identity, duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from kharita.model import Document, Failure, RawDocument
from kharita.text import Deduplicator, clean, content_hash

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_6769e8153fbb5a3b.txt"

BODY = [
    ("Security forces clashed with armed men in the northern district of Kharan on Tuesday, "
    "leaving four fighters dead and two soldiers wounded, the provincial governor said."),
    ("The governor said the men had crossed from the neighbouring valley overnight and opened "
    "fire on a patrol near the main bridge before dawn."),
    ("Residents reported that shops remained closed for most of the day while troops searched "
    "houses on the edge of the town."),
]


def doc(**kwargs: object) -> Document:
    result = clean(RawDocument(input="test", **kwargs))  # type: ignore[arg-type]
    assert isinstance(result, Document), result
    return result


def test_seed_page_starts_with_headline_without_chrome() -> None:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    d = doc(text=SEED.read_text(encoding="utf-8"))
    assert d.text.startswith("Syria, Isis mass escapes")
    lowered = d.text.lower()
    assert "skip to main content" not in lowered and "back to top" not in lowered
    assert d.title and d.title.startswith("Syria, Isis mass escapes")
    assert d.language == "en" and d.coded


CHROME_PAGE = "\n".join(
    [
        "Skip to navigation",
        "Home | World | Middle East | Opinion",
        "Menu",
        "Search",
        "Kharan clashes leave four fighters dead",
        "By Staff Reporter",
        "Published: 14 March 2021 09:30",
        "",
        BODY[0],
        "",
        "Advertisement",
        "",
        BODY[1],
        "",
        "Share this article",
        BODY[2],
        "",
        "Related stories",
        "Floods displace thousands in the south",
        "Talks resume in the capital",
        "Tags: security, Kharan",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "© 2021 Example Media Group. All rights reserved.",
        "Back to top",
    ]
)


def test_chrome_removed_by_general_rules() -> None:
    d = doc(text=CHROME_PAGE)
    paragraphs = d.text.split("\n\n")
    assert paragraphs == ["Kharan clashes leave four fighters dead", *BODY]
    assert d.published == "2021-03-14"
    assert d.title == "Kharan clashes leave four fighters dead"


def test_sentences_are_never_dropped_as_chrome() -> None:
    text = "\n".join(
        [
            "Share prices fell sharply in the capital after the attack on the refinery.",
            BODY[0],
            "Home guards were deployed to protect the market, officials said.",
        ]
    )
    assert doc(text=text).text == text


def test_html_main_text_and_metadata() -> None:
    html = f"""<html lang="en"><head><title>Clashes in Kharan - Daily Example</title>
    <meta property="og:site_name" content="Daily Example">
    <meta name="author" content="Jane Doe">
    <meta property="article:published_time" content="2021-03-14T08:00:00Z"></head>
    <body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
    <article><h1>Clashes in Kharan</h1>{''.join(f'<p>{p}</p>' for p in BODY)}</article>
    <footer><p>Copyright 2021 Daily Example. All rights reserved.</p></footer></body></html>"""
    d = doc(html=html, url="https://daily.example/world/kharan")
    assert doc(html=html.replace("<head>", '<head><link rel="canonical" href="https://d.example/k">')
               ).url == "https://d.example/k"
    assert d.text.split("\n\n")[-3:] == BODY
    assert "Home" not in d.text and "Copyright" not in d.text
    assert d.title and "Clashes in Kharan" in d.title
    assert d.author == "Jane Doe" and d.site == "Daily Example"
    assert d.published == "2021-03-14"
    assert d.url == "https://daily.example/world/kharan"


def test_caller_metadata_wins() -> None:
    d = doc(text="\n\n".join(BODY), published="March 2, 2020", title="Given title",
            source="Wire", url="http://w.test/x")
    assert (d.published, d.title, d.source) == ("2020-03-02", "Given title", "Wire")


def test_no_today_fallback_for_dates() -> None:
    assert doc(text="\n\n".join(BODY)).published is None
    assert doc(text="\n\n".join(BODY), published="yesterday").published is None


def test_empty_main_text_is_a_failure() -> None:
    result = clean(RawDocument(input="x.html", html="<html><body><nav>Home</nav></body></html>"))
    assert isinstance(result, Failure) and result.reason == "no article text found"
    result = clean(RawDocument(input="x.txt", text="Menu\nSearch\nBack to top\n"))
    assert isinstance(result, Failure) and result.input == "x.txt"


def test_mojibake_repaired_and_unicode_normalised() -> None:
    broken = "The minister’s statement was issued in Bogotá on Monday.".encode().decode("cp1252")
    d = doc(text=broken + "\n\n" + BODY[0])
    assert d.text.startswith("The minister’s statement was issued in Bogotá on Monday.")
    decomposed = "Bogota\u0301 officials said the cafe\u0301 was damaged in the blast yesterday."
    assert "Bogotá" in doc(text=decomposed).text  # NFC


def test_whitespace_normalised_paragraphs_kept() -> None:
    d = doc(text="  First   paragraph has\u00a0odd   spacing here.\n\n\n\nThe second paragraph"
            " was hard-wrapped by\nan old mail client.\nShort label\nstays on its own line.  ")
    assert d.text == ("First paragraph has odd spacing here.\n\nThe second paragraph was"
                      " hard-wrapped by an old mail client.\nShort label\nstays on its own line.")


def test_ids_are_stable_and_callers_id_is_kept() -> None:
    a = doc(text="\n\n".join(BODY))
    b = doc(text="  " + "\n\n".join(BODY).upper() + "\n")
    assert a.content_hash == b.content_hash and a.id == b.id == a.content_hash[:16]
    assert len(a.content_hash or "") == 64
    own = doc(text="\n\n".join(BODY), id="caller-7")
    assert own.id == "caller-7" and own.content_hash == a.content_hash
    assert content_hash("A  b\nc") == content_hash("a b c")
    assert doc(text=BODY[1]).id != a.id


def test_exact_and_near_duplicates() -> None:
    dedup = Deduplicator()
    original = doc(text="\n\n".join(BODY * 2))
    same = doc(text="\n\n".join(BODY * 2))
    near = doc(text="\n\n".join(BODY * 2) + "\n\nThis story was updated with more detail.")
    other = doc(text="Heavy rain flooded roads across the coastal province for a third day, "
                "and officials urged residents to stay indoors while crews cleared debris "
                "from bridges and drains near the harbour.")
    for d in (original, same, near, other):
        dedup.check(d)
    assert original.duplicate_of is None
    assert same.duplicate_of == original.id  # same id: a re-run of the same input
    assert near.duplicate_of == original.id
    assert other.duplicate_of is None


def test_duplicates_of_seeded_store_documents() -> None:
    dedup = Deduplicator()
    dedup.add("stored-1", "\n\n".join(BODY * 2))
    sig = Deduplicator.signature(BODY[2] * 3)
    dedup.add_signature("stored-2", content_hash(BODY[2] * 3), sig)
    a = dedup.check(doc(text="\n\n".join(BODY * 2)))
    b = dedup.check(doc(text=BODY[2] * 3 + " Reuters"))
    assert a.duplicate_of == "stored-1" and b.duplicate_of == "stored-2"


def test_language_identification_and_coding() -> None:
    fr = doc(text="Des hommes armés ont attaqué un poste de police dans le nord du pays lundi, "
             "tuant trois agents, selon un responsable local qui a requis l'anonymat.")
    assert fr.language == "fr" and fr.coded is False and fr.warnings
    ar = doc(text="قالت وزارة الصحة إن عشرة أشخاص قتلوا في انفجار بالقرب من السوق المركزي.")
    assert ar.language == "ar" and not ar.coded
    short = doc(text="Five killed in Kabul blast")
    assert short.language == "en" and short.coded
    headline = doc(text="Troops retake Mosul airport")
    assert headline.language == "en"


def test_declared_language_is_honoured() -> None:
    d = doc(text="\n\n".join(BODY), language="en-GB")
    assert d.language == "en" and d.coded
    d = doc(text="\n\n".join(BODY), language="de")
    assert d.language == "de" and not d.coded


def test_feed_footer_and_breadcrumbs_are_chrome() -> None:
    text = "\n\n".join(
        ["News › World › Africa", *BODY, "The post Kharan clashes appeared first on Example News."]
    )
    assert doc(text=text).text.split("\n\n") == BODY


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Gunmen kill 12 in Zamfara", "en"),
        ("M23 rebels seize Bunagana", "en"),
        ("Al-Shabaab attacks AMISOM base", "en"),
        ("Des manifestants tués à Bamako", "fr"),
        ("Ataque armado deja cinco muertos en Sinaloa", "es"),
        ("Serangan bom di Jakarta tewaskan 5 orang", "id"),
        ("Взрыв в Донецке", "ru"),
    ],
)
def test_short_texts_are_not_misjudged(text: str, lang: str) -> None:
    assert doc(text=text).language == lang


def test_menus_and_headline_lists_at_the_edges_go_but_inner_lists_stay() -> None:
    menu = ["World", "Africa", "Middle East", "Economy", "Climate Crisis", "Investigations"]
    inner = ["Kharan: 4 dead", "Varnok: 2 dead", "Esselby: 1 wounded", "Tolbeck: none reported"]
    more = ["Floods displace thousands in the south", "Talks resume in the capital",
            "Drought hits the northern herders", "Election date set for June"]
    text = "\n\n".join([*menu, "Fighting spreads across three districts", BODY[0], *inner,
                        BODY[1], *more])
    paragraphs = doc(text=text).text.split("\n\n")
    assert paragraphs == ["Fighting spreads across three districts", BODY[0], *inner, BODY[1]]


def test_html_without_article_block_falls_back_with_a_warning() -> None:
    d = doc(html="<p>Police said three people were killed in the town on Monday.</p>")
    assert d.text == "Police said three people were killed in the town on Monday."
    assert any("visible text" in w for w in d.warnings)


def test_published_from_a_wire_dateline() -> None:
    text = "Border post attacked\n\nKHARAN, May 14, 2022 (Wire) - " + BODY[0]
    assert doc(text=text).published == "2022-05-14"
    assert doc(text="Mr Smith, May 14, 2022 was a busy day for the court.").published is None


def test_news_site_text_copy_keeps_headline_and_story_only() -> None:
    page = "\n".join([
        "Homepage", "Skip to content", "Accessibility Help", "Your account", "Home", "News",
        "Sport", "Weather", "Menu", "World", "Africa", "Asia", "Middle East",
        "Protesters killed as troops fire on crowd in northern city",
        "12 March 2021", "Share", "close", "Share page", "Copy link", "About sharing",
        "image caption Mourners gathered outside the hospital on Saturday",
        BODY[0], BODY[1], BODY[2],
        "More on this story", "Army chief warns protesters", "3 days ago",
        "Curfew imposed in the north", "4 days ago", "Related Topics", "Top Stories",
        "Floods hit coastal towns", "Published", "1 hour ago",
    ])
    d = doc(text=page)
    assert d.text.split("\n") == ["Protesters killed as troops fire on crowd in northern city",
                                   *BODY]
    assert d.title == "Protesters killed as troops fire on crowd in northern city"
    assert d.published == "2021-03-12"


@pytest.mark.parametrize(
    "html",
    [
        '<html><head><meta charset="koi8-r"></head></html>',
        "<frameset><frame src='a.html'></frameset>",
        "<![CDATA[ ]]>&#0;",
        "<p>",
    ],
)
def test_odd_markup_never_raises(html: str) -> None:
    result = clean(RawDocument(input="odd.html", html=html))
    assert isinstance(result, Failure) and result.reason == "no article text found"
