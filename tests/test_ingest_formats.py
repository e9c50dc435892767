"""Ingestion of each input format: encodings, HTML, JSONL, JSON, WARC; metadata, dates, offset maps."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counterpoint.ingest import InputError, load_case
from counterpoint.ingest.boilerplate import remove_boilerplate
from counterpoint.ingest.decode import repair_mojibake
from counterpoint.ingest.dates import infer_from_text, normalize_date
from counterpoint.ingest.offsets import compose

ARTICLE = (
    "Norland’s foreign minister spoke with her Vestrian counterpart on Tuesday, officials said.\n"
    "“We agreed to reopen the northern ferry route before the winter,” Minister Ilse Varga told reporters in Halden.\n"
    "\n"
    "Fisheries\n"
    "Both sides said the talks on fishing quotas would continue next month — a détente few expected.\n"
)


def assert_map_exact(account, original: str) -> None:
    """Every character the map covers is a verbatim copy of the original character it points at."""
    covered = 0
    for cs, ss, n in account.offset_map.runs:
        assert account.text[cs:cs + n] == original[ss:ss + n]
        covered += n
        for i in (cs, cs + n - 1):
            assert account.text[i] == original[account.offset_map.to_source(i)]
    return covered


def one(tmp_path: Path, name: str, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    case = load_case(None, [p], keep_going=False)
    assert len(case.accounts) == 1 and not case.problems
    return case.accounts[0]


# ---------------------------------------------------------------- plain text encodings

def test_utf8_plain_text_is_kept_verbatim_with_identity_map(tmp_path):
    acc = one(tmp_path, "norland.txt", ARTICLE.encode("utf-8"))
    assert acc.text == ARTICLE
    assert acc.offset_map.runs == [(0, 0, len(ARTICLE))]
    assert acc.encoding == "utf-8" and acc.format == "text" and acc.id == "norland"
    assert acc.language == "en" and acc.removed == []


def test_utf8_with_bom(tmp_path):
    acc = one(tmp_path, "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    assert acc.text == ARTICLE and acc.encoding == "utf-8-sig"
    assert not acc.text.startswith("\ufeff")


@pytest.mark.parametrize("codec,expected", [("utf-16", "utf-16-le"), ("utf-16-be", "utf-16-be")])
def test_utf16_with_bom(tmp_path, codec, expected):
    data = ARTICLE.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    acc = one(tmp_path, "wide.txt", data)
    assert acc.text == ARTICLE and acc.encoding == expected


def test_windows_1252(tmp_path):
    text = ARTICLE.replace("’", "'")  # every other character exists in cp1252
    acc = one(tmp_path, "legacy.txt", text.encode("cp1252"))
    assert acc.text == text
    assert acc.encoding == "cp1252"
    assert "détente" in acc.text and "“We agreed" in acc.text


def test_mojibake_is_repaired_and_mapped(tmp_path):
    clean = ("Norland’s minister said the détente — fragile as it is — would hold through the winter.\n"
             "Minister Ilse Varga told reporters in Halden that the ferry would sail again.\n")
    # UTF-8 bytes once mis-decoded as Windows-1252 and saved again as UTF-8: "Norland’s" -> "Norlandâ€™s".
    broken = clean.encode("utf-8").decode("cp1252")
    assert "â€™" in broken
    acc = one(tmp_path, "moji.txt", broken.encode("utf-8"))
    assert acc.text == clean
    assert acc.offset_map.runs != [(0, 0, len(acc.text))]  # repaired characters have no verbatim source
    assert_map_exact(acc, broken)
    # Untouched stretches still map exactly: the second line starts at the same word in the original.
    i = acc.text.index("Minister Ilse Varga")
    assert broken[acc.offset_map.to_source(i):].startswith("Minister Ilse Varga")


# ---------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ferry route to reopen, ministers say | The Halden Courier</title>
<meta property="og:site_name" content="The Halden Courier">
<meta property="og:title" content="Ferry route to reopen, ministers say">
<meta property="article:published_time" content="2026-03-03T08:15:00+00:00">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<main><article>
<h1>Ferry route to reopen, ministers say</h1>
<p>Norland&#8217;s foreign minister spoke with her Vestrian counterpart on Tuesday, officials in Halden said after the call ended.</p>
<p>&ldquo;We agreed to reopen the northern ferry route before the winter,&rdquo; Minister Ilse Varga told reporters.</p>
<h2>Fisheries</h2>
<p>Both sides said talks on fishing quotas would continue next month, and a joint commission would meet in Vestria.</p>
<p>The ministers also discussed the cost of the new harbour, which officials put at about 40 million crowns.</p>
</article>
<aside class="related"><h3>More from the Courier</h3><ul>
<li><a href="/a">Storm closes mountain pass for a week</a></li>
<li><a href="/b">Local choir wins national prize</a></li>
<li><a href="/c">Harbour fees to rise in spring</a></li></ul></aside>
</main>
<footer><p>&copy; 2026 The Halden Courier. All rights reserved.</p></footer>
</body></html>
"""


def test_html_page_main_text_and_metadata(tmp_path):
    acc = one(tmp_path, "courier.html", PAGE.encode("utf-8"))
    assert acc.format == "html"
    assert acc.title == "Ferry route to reopen, ministers say"
    assert acc.outlet == "The Halden Courier"
    assert acc.published == "2026-03-03" and acc.published_source == "page metadata"
    assert acc.language == "en"
    assert "Norland’s foreign minister spoke" in acc.text
    assert "“We agreed to reopen the northern ferry route" in acc.text
    assert "Fisheries" in acc.text  # headings stay
    for widget in ("Subscribe", "Storm closes mountain pass", "Local choir", "All rights reserved"):
        assert widget not in acc.text
    assert "Sport" not in acc.text.split()


def test_html_offsets_point_into_the_page_source(tmp_path):
    acc = one(tmp_path, "courier.html", PAGE.encode("utf-8"))
    covered = assert_map_exact(acc, PAGE)
    assert covered > 0.8 * len(acc.text)  # entities (&#8217; &ldquo;) are the only unmapped words
    i = acc.text.index("joint commission")
    s = acc.offset_map.to_source(i)
    assert PAGE[s:s + len("joint commission")] == "joint commission"
    assert PAGE.rfind("<p>", 0, s) > PAGE.index("<article>")


def test_html_named_txt_is_read_as_html(tmp_path):
    acc = one(tmp_path, "saved-page.txt", PAGE.encode("utf-8"))
    assert acc.format == "html" and "<p>" not in acc.text


def test_html_in_legacy_charset_declared_by_meta(tmp_path):
    page = PAGE.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
    page = page.replace("the cost of the new harbour", "the cost of the new harbour café")
    acc = one(tmp_path, "legacy.htm", page.encode("cp1252"))
    assert "harbour café" in acc.text and acc.encoding == "windows-1252"


# ---------------------------------------------------------------- JSONL and JSON

def jsonl_lines():
    return [
        json.dumps({"id": "courier-1", "url": "https://courier.example/ferry", "title": "Ferry route to reopen",
                    "source": {"name": "The Halden Courier"}, "published": "2026-03-03T08:15:00Z",
                    "text": ARTICLE}),
        '{"id": "broken", "text": "an unterminated string',
        json.dumps({"id": "vestria-readout", "html": PAGE, "outlet": "Vestrian Foreign Ministry",
                    "date": "Wed, 04 Mar 2026 10:00:00 GMT", "side": "Vestria", "kind": "official readout"}),
        "",
        json.dumps({"id": "no-text", "title": "A record without a body"}),
    ]


def test_jsonl_articles_with_a_broken_line_keep_going(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join(jsonl_lines()) + "\n", encoding="utf-8")
    case = load_case(None, [p], keep_going=True)
    by_id = {a.id: a for a in case.accounts}
    assert set(by_id) == {"courier-1", "vestria-readout"}
    a = by_id["courier-1"]
    assert a.text == ARTICLE and a.outlet == "The Halden Courier" and a.url == "https://courier.example/ferry"
    assert a.published == "2026-03-03" and a.published_source == "jsonl metadata"
    assert a.title == "Ferry route to reopen" and a.format == "jsonl" and a.file == f"{p}:1"
    b = by_id["vestria-readout"]
    assert b.side == "Vestria" and b.kind == "official readout" and b.outlet == "Vestrian Foreign Ministry"
    assert b.published == "2026-03-04" and "Storm closes" not in b.text
    assert_map_exact(b, PAGE)
    lines = [pr.line() for pr in case.problems]
    assert any(line.startswith(f"{p}:2: invalid JSON") for line in lines)
    assert any(line.startswith(f"{p}:5: no article text") for line in lines)
    assert len(lines) == 2


def test_jsonl_broken_line_stops_without_keep_going(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join(jsonl_lines()) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_case(None, [p], keep_going=False)
    assert str(e.value).startswith(f"{p}:2: invalid JSON")


def test_jsonl_without_ids_uses_file_stem_and_line(tmp_path):
    p = tmp_path / "wire.jsonl"
    p.write_text(json.dumps({"text": ARTICLE}) + "\n" + json.dumps({"content": ARTICLE.upper()}) + "\n", encoding="utf-8")
    case = load_case(None, [p], keep_going=False)
    assert [a.id for a in case.accounts] == ["wire-1", "wire-2"]


def test_json_file_with_one_article(tmp_path):
    p = tmp_path / "single.json"
    p.write_text(json.dumps({"headline": "Ferry route", "body": ARTICLE, "lang": "en-GB"}), encoding="utf-8")
    acc = load_case(None, [p], keep_going=False).accounts[0]
    assert acc.id == "single" and acc.title == "Ferry route" and acc.language == "en" and acc.text == ARTICLE


# ---------------------------------------------------------------- WARC

def write_warc(path: Path, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)

        def response(url, status, ctype, body, date):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": date})
            w.write_record(rec)

        response("https://courier.example/old", "301 Moved Permanently", "text/html", b"<html><body>moved</body></html>",
                 "2026-03-05T09:00:00Z")
        response("https://courier.example/ferry", "200 OK", "text/html; charset=utf-8", PAGE.encode("utf-8"),
                 "2026-03-05T09:00:01Z")
        response("https://courier.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n0000", "2026-03-05T09:00:02Z")
        undated = PAGE.replace('<meta property="article:published_time" content="2026-03-03T08:15:00+00:00">', "")
        undated = undated.replace("Ferry route to reopen", "Quota talks to resume")
        response("https://gazette.example/quotas", "200 OK", "text/html", undated.encode("utf-8"), "2026-03-06T11:30:00Z")


@pytest.mark.parametrize("name,gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses_become_articles(tmp_path, name, gz):
    p = tmp_path / name
    write_warc(p, gz)
    case = load_case(None, [p], keep_going=False)
    assert [a.url for a in case.accounts] == ["https://courier.example/ferry", "https://gazette.example/quotas"]
    first, second = case.accounts
    assert first.format == "warc" and first.id.startswith("crawl-")
    assert first.published == "2026-03-03" and first.published_source == "page metadata"
    assert second.published == "2026-03-06" and second.published_source == "warc header"
    assert second.title == "Quota talks to resume, ministers say"
    assert "joint commission" in first.text and "Local choir" not in first.text
    assert_map_exact(first, PAGE)


# ---------------------------------------------------------------- manifest and metadata

def write_manifest_case(tmp_path: Path, accounts: list[dict], files: dict[str, str]) -> Path:
    d = tmp_path / "case"
    d.mkdir()
    for name, text in files.items():
        (d / name).write_text(text, encoding="utf-8")
    (d / "event.json").write_text(json.dumps({
        "event_id": "2026-03-03-ferry-call", "description": "Invented call", "date": "2026-03-03",
        "parties": {"Norland": ["Ilse Varga"], "Vestria": ["Vestrian Foreign Ministry"]},
        "accounts": accounts}), encoding="utf-8")
    return d


def test_manifest_metadata_wins_and_note_is_kept(tmp_path):
    d = write_manifest_case(tmp_path, [
        {"id": "courier", "file": "courier.txt", "url": "https://courier.example/ferry", "outlet": "The Halden Courier",
         "published": "2026-03-04", "side": "press", "kind": "news report", "note": "Second edition.",
         "presents": "Norland"},
        {"id": "readout", "file": "readout.txt", "url": None, "outlet": None, "published": None,
         "side": "Vestria", "kind": "official readout"},
    ], {"courier.txt": ARTICLE,
        "readout.txt": "Halden, 3 March 2026\n\nThe Foreign Minister of Vestria held a telephone conversation with "
                       "the Foreign Minister of Norland. The two sides discussed the northern ferry route.\n"})
    case = load_case(d, [], keep_going=False)
    assert case.event_id == "2026-03-03-ferry-call" and case.parties["Norland"] == ["Ilse Varga"]
    courier, readout = case.accounts
    assert courier.published == "2026-03-04" and courier.published_source == "manifest"
    assert courier.note == "Second edition." and courier.outlet == "The Halden Courier"
    assert readout.side == "Vestria" and readout.kind == "official readout"
    assert readout.published == "2026-03-03" and readout.published_source == "text"


def test_folder_without_manifest_dedups_stems(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "report.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "report.md").write_text(ARTICLE.replace("Tuesday", "Wednesday"), encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("not an account", encoding="utf-8")
    case = load_case(tmp_path, [], keep_going=False)
    assert [a.id for a in case.accounts] == ["report", "report-2"]
    assert all(a.published_source == "none" for a in case.accounts)


# ---------------------------------------------------------------- dates

def test_published_date_from_a_timestamp_line_in_the_text():
    text = ("Staff Reporter\n\n09:40 AM – Thursday, March 5, 2026\n\nOn March 3, 2026, the two ministers spoke by "
            "telephone for an hour about the ferry route and the fishing quotas.\n")
    assert infer_from_text(text) == "2026-03-05"


def test_published_date_from_a_dateline_takes_the_latest_date_in_the_head():
    text = ("Ferry talks: what was agreed\n\nOn 3 March 2026, after talks first proposed on February 20, 2026, the two "
            "ministers spoke by telephone for an hour about the ferry route.\n\nThe commission will report on "
            "June 30, 2026, officials said in a statement issued in the capital later that day.\n")
    assert infer_from_text(text) == "2026-03-03"  # the future date further down is not a publication date


def test_no_full_date_means_no_inferred_date():
    assert infer_from_text("The ministers spoke on Tuesday and will meet again in March.\n") is None


@pytest.mark.parametrize("raw,iso", [("2026-03-03T08:15:00Z", "2026-03-03"), ("Tue, 03 Mar 2026 08:15:00 GMT", "2026-03-03"),
                                     ("March 3, 2026", "2026-03-03"), ("3 Mar. 2026", "2026-03-03"), ("yesterday", None)])
def test_normalize_metadata_dates(raw, iso):
    assert normalize_date(raw) == iso


def test_compose_maps_chains_two_edits():
    # C -> B drops B[3:5]; B -> A drops A[0:2].
    outer = [(0, 0, 3), (3, 5, 4)]
    inner = [(0, 2, 9)]
    assert compose(outer, inner) == [(0, 2, 3), (3, 7, 4)]


def test_file_name_ids_give_way_to_stated_ids(tmp_path):
    (tmp_path / "courier-1.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "wire.jsonl").write_text(json.dumps({"id": "courier-1", "text": ARTICLE.upper()}) + "\n", encoding="utf-8")
    case = load_case(tmp_path, [], keep_going=False)
    ids = {a.id: a for a in case.accounts}
    assert set(ids) == {"courier-1", "courier-1-2"}
    assert ids["courier-1"].format == "jsonl" and ids["courier-1-2"].format == "text"

LINE_POOL = [
    "The two ministers met in Halden on Tuesday and spoke for two hours about the ferry route.",
    "“We agreed to reopen the route,” Minister Ilse Varga said.", "Fisheries", "What comes next?",
    "Share this article", "list of 3 itemsend of list", "Editor's Picks", "Home | World | Europe",
    "Read more: Storm closes mountain pass", "Advertisement", "Jane Roe/Getty Images.", "", "  ",
    "Norlandâ€™s dÃ©tente held, officials said.", "Related:", "Storm Closes Mountain Pass For A Week.",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINE_POOL), min_size=1, max_size=25), st.sampled_from(["\n", "\r\n"]))
def test_cleaning_keeps_every_mapped_character_verbatim(lines, newline):
    original = newline.join(lines) + newline
    repaired, runs1, _ = repair_mojibake(original)
    cleaned = remove_boilerplate(repaired)
    runs = compose(cleaned.runs, runs1)
    for cs, ss, n in runs:
        assert cleaned.text[cs:cs + n] == original[ss:ss + n]
    for start, end, text, _reason in cleaned.removed:
        assert repaired[start:end] == text and text.strip()
    # Nothing but whole removed lines and doubled blank lines disappears.
    kept = [ln for ln in repaired.splitlines() if ln.strip()]
    removed = [t for _s, _e, t, _r in cleaned.removed]
    assert len([ln for ln in cleaned.text.splitlines() if ln.strip()]) == len(kept) - len(removed)


def test_a_page_with_one_huge_attribute_keeps_its_article(tmp_path):
    """lxml refuses a page holding an attribute value over 10,000,000 characters: one 19 MB data-*
    attribute (or data: URI) lost the whole article. Overlong values are emptied for the extractor
    only; offsets still point into the page as written."""
    para = ("Minister Alda Vey met envoy Jon Marek in Port Calder on Tuesday, the ministry said, and the two "
            "agreed to resume the harbour talks in March.")
    page = ('<html><head><title>Talks</title></head><body><div data-blob="' + "x" * 10_500_000 + '"></div>'
            "<article><h1>Harbour talks</h1><p>" + para + "</p><img src='data:image/png;base64," + "A" * 200_000
            + "'><p>Marek said the plan would cost about $4.5 billion over ten years, officials said.</p>"
            "</article></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    case = load_case(None, [path], keep_going=True)
    assert not case.problems, [p.line() for p in case.problems]
    acc = case.accounts[0]
    assert para in acc.text and "xxxx" not in acc.text
    k = acc.text.index("Port Calder")
    s = acc.offset_map.to_source(k)
    assert page[s:s + 11] == "Port Calder"


@pytest.mark.parametrize("value,ok", [("1850-03-03", True), ("2150-01-01", True), ("0999-12-31", True), ("1850", True),
                                      ("1850-03", True), ("2026-03-03", True), ("0000-01-01", False),
                                      ("1850-02-30", False), ("185-03-03", False), ("03/03/1850", False)])
def test_manifest_dates_take_any_four_digit_year(value, ok, tmp_path):
    """Valid ISO dates outside 19xx/20xx were refused in a manifest ('date' must be an ISO date)."""
    from counterpoint.ingest.dates import valid_manifest_date

    assert valid_manifest_date(value) is ok
    if ok and len(value) == 10:
        assert normalize_date(value) == value
    case = tmp_path / "case"
    case.mkdir()
    (case / "a.txt").write_text("Minister Alda Vey met envoy Jon Marek in Port Calder on Tuesday, the ministry said.\n")
    (case / "event.json").write_text(json.dumps({"event_id": "old", "date": value, "accounts": [
        {"id": "a", "file": "a.txt", "published": value}]}))
    loaded = load_case(case, [], keep_going=True)
    assert (loaded.date == value) is ok and bool(loaded.problems) is not ok, [p.line() for p in loaded.problems]


def test_cr_only_line_endings_keep_every_claim(tmp_path):
    """A file with old Mac line endings (CR only) lost claims; it must give what the LF file gives."""
    from counterpoint.run import compare_case

    text = ("Minister Alda Vey met envoy Jon Marek in Port Calder on Tuesday, the ministry said.\n\n"
            "\"The harbour agreement will be signed in March,\" Vey told reporters after the meeting.\n\n"
            "Castavia's minister said the fishing quota would be cut by half next year.\n"
            "Norland said it would never accept the plan.\n")
    got = {}
    for name, eol in (("lf", "\n"), ("cr", "\r"), ("crlf", "\r\n")):
        path = tmp_path / f"{name}.txt"
        path.write_bytes(text.replace("\n", eol).encode())
        report = compare_case(load_case(None, [path], keep_going=True))
        got[name] = (sorted(c.text for c in report.claims), sorted(q.text for q in report.quotes))
    assert got["lf"][0] and got["lf"][1]
    assert got["cr"] == got["lf"] == got["crlf"]
