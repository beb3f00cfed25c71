"""Readers: every format, encodings, bad inputs as Failures, order and streaming."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from kharita.ingest import read_inputs
from kharita.model import Failure, RawDocument

ARTICLE = (
    "Gunmen attacked a police checkpoint near the town of Dara on Monday, killing three "
    "officers, a local official said. The attackers fled toward the hills after the raid."
)
HTML = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Checkpoint attack</title></head>
<body><nav><a href="/">Home</a></nav><article><h1>Checkpoint attack</h1><p>{ARTICLE}</p>
<p>{ARTICLE}</p></article></body></html>"""
ARABIC = (
    "قالت وزارة الصحة إن عشرة أشخاص قتلوا في انفجار بالقرب من السوق المركزي في المدينة يوم "
    "الاثنين. وأضافت الوزارة أن عدد الجرحى بلغ ثلاثين شخصا، بينهم أطفال ونساء، وأن فرق الإنقاذ "
    "ما زالت تعمل في المكان. ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن."
)


def items(*paths: object, max_bytes: int | None = None) -> list[RawDocument | Failure]:
    return list(read_inputs([str(p) for p in paths], max_bytes=max_bytes))


def only(result: list[RawDocument | Failure]) -> RawDocument:
    assert len(result) == 1, result
    assert isinstance(result[0], RawDocument), result[0]
    return result[0]


def test_html_file_and_gzipped_html(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(HTML, encoding="utf-8")
    with gzip.open(tmp_path / "b.html.gz", "wt", encoding="utf-8") as fh:
        fh.write(HTML)
    plain, zipped = items(tmp_path / "a.html", tmp_path / "b.html.gz")
    assert isinstance(plain, RawDocument) and isinstance(zipped, RawDocument)
    assert plain.html == zipped.html and "Dara" in (plain.html or "")
    assert plain.input.endswith("a.html") and zipped.input.endswith("b.html.gz")


def test_text_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    raw = only(items(tmp_path / "a.txt"))
    assert raw.text == ARTICLE and raw.html is None


def test_jsonl_keeps_ids_metadata_and_names_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 17, "text": ARTICLE, "url": "http://x.test/1", "title": "T",
                    "published": "2020-03-02", "source": "Wire", "language": "en"}),
        "{not json",
        "",
        json.dumps({"id": "b", "html": HTML}),
        json.dumps({"id": "c"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "d", "text": ["not", "a", "string"]}),
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = items(path)
    assert [type(x).__name__ for x in out] == [
        "RawDocument", "Failure", "RawDocument", "Failure", "Failure", "Failure"]
    first, bad, second, empty, listy, typed = out
    assert isinstance(typed, Failure) and "must be a string" in typed.reason
    assert isinstance(first, RawDocument) and first.id == "17" and first.text == ARTICLE
    assert (first.url, first.title, first.published, first.source, first.language) == (
        "http://x.test/1", "T", "2020-03-02", "Wire", "en")
    assert first.input == f"{path}:1"
    assert isinstance(bad, Failure) and bad.input == f"{path}:2"
    assert "malformed JSON line" in bad.reason and "column" in bad.reason
    assert isinstance(second, RawDocument) and second.html and second.input == f"{path}:4"
    assert isinstance(empty, Failure) and "'text' or 'html'" in empty.reason
    assert isinstance(listy, Failure) and "object" in listy.reason


def test_jsonl_gz(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "d.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "z", "text": ARTICLE}) + "\n")
    raw = only(items(tmp_path / "d.jsonl.gz"))
    assert raw.id == "z" and raw.text == ARTICLE


def write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, ctype, body in (
            ("http://news.test/a", "text/html; charset=windows-1256",
             f"<html><body><p>{ARABIC}</p></body></html>".encode("cp1256")),
            ("http://news.test/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
            ("http://news.test/b", "text/html", HTML.encode("utf-8")),
        ):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                               http_headers=headers)
            writer.write_record(record)


def test_warc_html_records(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    out = items(path)
    assert [x.input for x in out] == [f"{path}#http://news.test/a", f"{path}#http://news.test/b"]
    first, second = out
    assert isinstance(first, RawDocument) and ARABIC in (first.html or "")
    assert first.url == "http://news.test/a"
    assert isinstance(second, RawDocument) and "Dara" in (second.html or "")


RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Wire Feed</title><link>http://wire.test/</link><description>d</description>
<item><title>Full item</title><link>http://wire.test/1</link>
<pubDate>Tue, 03 Mar 2020 10:00:00 GMT</pubDate><description>Short summary.</description>
<content:encoded><![CDATA[<p>{ARTICLE}</p><p>Second paragraph here.</p>]]></content:encoded>
</item>
<item><title>Summary only</title><link>http://wire.test/2</link>
<description>Protesters gathered in the capital on Friday.</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:x</id>
<updated>2020-03-04T00:00:00Z</updated>
<entry><title>Atom entry</title><id>urn:1</id><link href="http://atom.test/1"/>
<published>2020-03-04T08:30:00Z</published><updated>2020-03-04T09:00:00Z</updated>
<content type="html">&lt;p&gt;{ARTICLE}&lt;/p&gt;</content></entry></feed>"""


def test_rss_feed_content_then_summary(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    full, summary = items(path)
    assert isinstance(full, RawDocument) and isinstance(summary, RawDocument)
    assert ARTICLE in (full.text or "") and "Second paragraph" in (full.text or "")
    assert "<p>" not in (full.text or "")
    assert (full.title, full.url, full.source) == ("Full item", "http://wire.test/1", "Wire Feed")
    assert full.published == "2020-03-03T10:00:00+00:00"
    assert full.input == f"{path}#1" and summary.input == f"{path}#2"
    assert summary.text == "Protesters gathered in the capital on Friday."


def test_atom_feed_sniffed_without_known_extension(tmp_path: Path) -> None:
    path = tmp_path / "atom.xml"
    path.write_text(ATOM, encoding="utf-8")
    raw = only(items(path))
    assert ARTICLE in (raw.text or "")
    assert raw.url == "http://atom.test/1" and raw.published == "2020-03-04T08:30:00+00:00"


def test_stdin_jsonl_and_html(monkeypatch: pytest.MonkeyPatch) -> None:
    payload = "\n".join(json.dumps({"id": f"s{i}", "text": ARTICLE}) for i in range(3)).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload)))
    out = items("-")
    assert [x.id for x in out if isinstance(x, RawDocument)] == ["s0", "s1", "s2"]
    assert out[1].input == "<stdin>:2"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(HTML.encode())))
    raw = only(items("-"))
    assert raw.html and raw.input == "<stdin>"


def test_windows_1256_page_without_declaration(tmp_path: Path) -> None:
    page = f"<html><head><title>خبر</title></head><body><p>{ARABIC}</p></body></html>"
    (tmp_path / "ar.html").write_bytes(page.encode("cp1256"))
    # a wrong Latin-1 declaration must not win either
    wrong = page.replace("<head>", '<head><meta charset="iso-8859-1">')
    (tmp_path / "ar2.html").write_bytes(wrong.encode("cp1256"))
    for raw in items(tmp_path / "ar.html", tmp_path / "ar2.html"):
        assert isinstance(raw, RawDocument)
        assert ARABIC in (raw.html or "") and raw.encoding == "cp1256"


def test_declared_charset_is_honoured(tmp_path: Path) -> None:
    text = "Der Bürgermeister äußerte sich über die Lage in der Stadt. " * 3
    page = f'<html><head><meta charset="iso-8859-15"></head><body><p>{text}€</p></body></html>'
    (tmp_path / "de.html").write_bytes(page.encode("iso-8859-15"))
    raw = only(items(tmp_path / "de.html"))
    assert "Bürgermeister äußerte" in (raw.html or "") and "€" in (raw.html or "")


def test_bad_inputs_fail_with_reasons_and_batch_continues(tmp_path: Path) -> None:
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_bytes(b"   \n\n ")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:
        fh.truncate(3_000_000)  # sparse: never read, only its size matters
    out = items(tmp_path / "junk.bin", tmp_path / "empty.txt", tmp_path / "missing.txt",
                tmp_path / "blank.html", huge, tmp_path / "good.txt", max_bytes=1_000_000)
    reasons = [x.reason if isinstance(x, Failure) else "ok" for x in out]
    assert reasons[0] == "binary file, not text/HTML"
    assert reasons[1] == "empty file"
    assert reasons[2] == "no such file or directory"
    assert reasons[3] == "empty file"
    assert "3 MB" in reasons[4] and "1 MB limit" in reasons[4] and "--max-bytes" in reasons[4]
    assert reasons[5] == "ok"
    assert [x.input for x in out][-1].endswith("good.txt")


def test_oversize_jsonl_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "big", "text": "x " * 5000}) + "\n")
        fh.write(json.dumps({"id": "small", "text": ARTICLE}) + "\n")
    big, small = items(path, max_bytes=2000)
    assert isinstance(big, Failure) and big.input == f"{path}:1" and "--max-bytes" in big.reason
    assert isinstance(small, RawDocument) and small.id == "small"


def test_undecodable_jsonl_line(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(b'{"id": "a", "text": "caf\xe9"}\n' + json.dumps({"text": ARTICLE}).encode())
    bad, good = items(path)
    assert isinstance(bad, Failure) and "UTF-8" in bad.reason
    assert isinstance(good, RawDocument)


def test_directory_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("zzz article text here.", encoding="utf-8")
    (tmp_path / "b" / "a.txt").write_text("aaa article text here.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("top article text here.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    out = items(tmp_path)
    names = [Path(x.input).relative_to(tmp_path).as_posix() for x in out]
    assert names == ["a.txt", "b/a.txt", "b/z.txt"]


def test_order_is_input_order(tmp_path: Path) -> None:
    paths = []
    for i in range(5):
        p = tmp_path / f"{9 - i}.txt"
        p.write_text(f"Document number {i} says something.", encoding="utf-8")
        paths.append(p)
    out = items(*paths)
    assert [x.input for x in out] == [str(p) for p in paths]


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page.dat").write_text(HTML, encoding="utf-8")
    (tmp_path / "lines.dat").write_text(json.dumps({"id": "q", "text": ARTICLE}), encoding="utf-8")
    (tmp_path / "note").write_text(ARTICLE, encoding="utf-8")
    page, line, note = items(tmp_path / "page.dat", tmp_path / "lines.dat", tmp_path / "note")
    assert isinstance(page, RawDocument) and page.html
    assert isinstance(line, RawDocument) and line.id == "q"
    assert isinstance(note, RawDocument) and note.text == ARTICLE


def test_corrupt_and_mislabelled_inputs(tmp_path: Path) -> None:
    page = gzip.compress(HTML.encode())
    (tmp_path / "cut.html.gz").write_bytes(page[: len(page) // 2])
    (tmp_path / "bad.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\n\r\nshort")
    (tmp_path / "empty.warc").write_bytes(b"WARC/1.0\r\n")
    (tmp_path / "text.warc.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    (tmp_path / "broken.rss").write_text("<?xml version='1.0'?><rss><channel>", encoding="utf-8")
    out = items(*(tmp_path / n for n in
                   ("cut.html.gz", "bad.warc", "empty.warc", "text.warc.gz", "broken.rss")))
    cut, bad, empty, text, broken = out
    assert isinstance(cut, Failure) and "corrupt or truncated" in cut.reason
    assert isinstance(bad, Failure) and "WARC" in bad.reason
    assert isinstance(empty, Failure) and "WARC" in empty.reason
    assert isinstance(text, RawDocument) and text.text == ARTICLE  # content wins over name
    assert isinstance(broken, Failure) and "feed" in broken.reason


def test_legacy_single_byte_text_without_declaration(tmp_path: Path) -> None:
    french = "Le ministre a déclaré que la sécurité était rétablie à Bangui après les violences."
    (tmp_path / "fr.txt").write_bytes(french.encode("latin-1"))
    russian = "Военные заявили, что нападение на колонну было отбито у границы."
    (tmp_path / "ru.txt").write_bytes(russian.encode("cp1251"))
    fr, ru = items(tmp_path / "fr.txt", tmp_path / "ru.txt")
    assert isinstance(fr, RawDocument) and fr.text == french
    assert isinstance(ru, RawDocument) and ru.text == russian


def test_content_hints_beat_misleading_names(tmp_path: Path) -> None:
    (tmp_path / "saved.txt").write_text(HTML, encoding="utf-8")
    (tmp_path / "docs.json").write_text(json.dumps([{"text": ARTICLE}], indent=2), encoding="utf-8")
    saved, pretty = items(tmp_path / "saved.txt", tmp_path / "docs.json")
    assert isinstance(saved, RawDocument) and saved.html and saved.text is None
    assert isinstance(pretty, Failure) and "JSON Lines" in pretty.reason


def test_jsonl_text_wins_over_html_and_timestamps(tmp_path: Path) -> None:
    path = tmp_path / "both.jsonl"
    path.write_text(json.dumps({"text": ARTICLE, "html": HTML, "published": 1583020800}) + "\n",
                    encoding="utf-8")
    raw = only(items(path))
    assert raw.text == ARTICLE and raw.html is None
    assert raw.published == "2020-03-01T00:00:00+00:00"


def test_stdin_gzipped_jsonl_and_warc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = "\n".join(json.dumps({"id": f"g{i}", "text": ARTICLE}) for i in range(2))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(lines.encode()))))
    assert [x.id for x in items("-") if isinstance(x, RawDocument)] == ["g0", "g1"]
    write_warc(tmp_path / "crawl.warc.gz")
    payload = (tmp_path / "crawl.warc.gz").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload)))
    out = items("-")
    assert [x.input for x in out] == ["<stdin>#http://news.test/a", "<stdin>#http://news.test/b"]
    assert all(isinstance(x, RawDocument) for x in out)


def test_oversize_gzip_is_cut_off_while_reading(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "big.html.gz", "wt", encoding="utf-8") as fh:
        fh.write("<html><body>" + "<p>" + "word " * 50_000 + "</p></body></html>")
    failure = items(tmp_path / "big.html.gz", max_bytes=10_000)[0]
    assert isinstance(failure, Failure)
    assert failure.reason == "input is larger than the 10 KB limit (raise it with --max-bytes)"
