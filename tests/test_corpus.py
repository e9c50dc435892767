"""Corpus store: fingerprints, streaming readers, dedupe, idempotent re-ingest, stories, queries, CLI."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from counterpoint.cli import app
from counterpoint.corpus import queries, text
from counterpoint.corpus.engines import LocalEngine
from counterpoint.corpus.pipeline import ingest
from counterpoint.corpus.sources import SourceRecord, iter_sources

PARAS = [
    "The harbour authority of Valdmora announced on Monday that the northern pier will close for repairs "
    "after inspectors found cracks in its concrete supports.",
    "Harbour director Ilse Varga said the closure would last about six weeks and cost 3.2 million euros, "
    "paid from the port's maintenance fund.",
    "Fishing crews who moor at the northern pier will be moved to the eastern basin, where temporary "
    "berths are being installed this week.",
    "Varga told reporters that no ships had been damaged and that the cracks were found during a routine "
    "survey ordered after last winter's storms.",
    "The fishermen's union welcomed the repairs but asked for compensation for the longer trips to the "
    "eastern basin, which it said would add fuel costs.",
    "City councillor Marten Osk said the council would discuss the union's request at its meeting on "
    "Thursday.",
]
STORM = ("A late frost damaged apple orchards across the Kessel valley on Saturday, growers said. "
         "Agronomist Petra Lund estimated that a third of the blossoms were lost and warned of higher fruit "
         "prices in the autumn. The regional farm bureau in Tarnow asked for emergency aid.")


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _dump_tables(db: Path) -> dict:
    """Every row of the store's tables, order-free: two stores written differently must be equal."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in ("articles", "duplicates", "stories", "story_members", "story_keys", "key_df",
                          "entities", "lsh_bands")}
    finally:
        con.close()


def _records() -> list[dict]:
    body = "\n\n".join(PARAS)
    return [
        {"id": "orig", "url": "https://valdmora-news.example/pier", "title": "Northern pier to close",
         "published": "2025-06-02", "outlet": "Valdmora News", "text": body},
        # The same article syndicated under another URL: an exact duplicate.
        {"id": "synd", "url": "https://wire.example/valdmora-pier", "title": "Northern pier to close",
         "published": "2025-06-02", "outlet": "Wire", "text": body},
        # Edited headline, one paragraph trimmed, boilerplate added: a near duplicate.
        {"id": "edit", "url": "https://coastpost.example/a/17", "title": "Valdmora pier shut for six weeks",
         "published": "2025-06-03", "outlet": "Coast Post",
         "text": "\n\n".join(PARAS[:4] + PARAS[5:]) + "\n\nSubscribe to our newsletter for daily harbour news."},
        # A different account of the same event: same story, not a duplicate.
        {"id": "other", "url": "https://harbourtimes.example/2025/06/03/varga", "title": "Union wants compensation",
         "published": "2025-06-03", "outlet": "Harbour Times",
         "text": "Fishermen in Valdmora demanded compensation on Tuesday after the harbour authority closed the "
                 "northern pier for repairs. Ilse Varga, the harbour director, said cracks in the concrete supports "
                 "made the closure unavoidable. The union said moving boats to the eastern basin adds fuel costs, "
                 "and councillor Marten Osk promised a council debate on Thursday."},
        {"id": "frost", "url": "https://agri.example/frost", "title": "Frost hits orchards",
         "published": "2025-06-02", "outlet": "Agri Daily", "text": STORM},
    ]


def test_fingerprint_ids_and_near_duplicates():
    body = "\n\n".join(PARAS)
    a = text.fingerprint(body, "https://www.Example.com/x/")
    assert a.article_id == text.fingerprint("other text", "http://example.com/x").article_id  # same URL, same id
    assert text.fingerprint(body, None).article_id == text.fingerprint(body.replace("\n\n", " "), None).article_id
    assert len(a.bands) == text.BANDS
    trimmed = text.fingerprint("\n\n".join(PARAS[:4] + PARAS[5:]) + " Subscribe to our newsletter.", None)
    assert text.near_duplicate(a.signature, a.n_shingles, trimmed.signature, trimmed.n_shingles)[0]
    half = text.fingerprint("\n\n".join(PARAS[:3]), None)  # a copy cut to its first half: contained in the original
    assert text.near_duplicate(a.signature, a.n_shingles, half.signature, half.n_shingles)[0]
    other = text.fingerprint(STORM, None)
    is_dup, j = text.near_duplicate(a.signature, a.n_shingles, other.signature, other.n_shingles)
    assert not is_dup and j < 0.1


def test_long_article_that_incorporates_a_short_one_is_not_its_duplicate():
    # A new report that quotes a whole short statement and adds three times as much of its own is a new
    # article: fully containing the short one must not make it a trimmed copy of it.
    statement = "\n\n".join(PARAS[:2])
    extra = " ".join(f"Reporter note {i}: the harbour of Valdmora handled {100 + i} ships in week {i} of the "
                     f"season, officials in the port office of district {i % 7} said." for i in range(12))
    stmt, report = text.fingerprint(statement, None), text.fingerprint(statement + "\n\n" + extra, None)
    assert stmt.n_shingles >= text.MIN_CONTAINMENT_SHINGLES and report.n_shingles > 3 * stmt.n_shingles
    assert not text.near_duplicate(report.signature, report.n_shingles, stmt.signature, stmt.n_shingles)[0]
    # The same statement with one sentence more is still a copy of it.
    longer = text.fingerprint(statement + " Varga added that the work would start at once.", None)
    assert text.near_duplicate(longer.signature, longer.n_shingles, stmt.signature, stmt.n_shingles)[0]


def test_streaming_readers_report_bad_records(tmp_path):
    jl = tmp_path / "feed.jsonl.gz"
    with gzip.open(jl, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "x", "text": "Plain text article about a bridge."}) + "\n")
        fh.write("{not json\n")
        fh.write(json.dumps({"id": "y", "title": "no body"}) + "\n")
        fh.write(json.dumps({"id": "z", "html": "<html><head><title>T</title></head><body><article><p>"
                             + "The bridge in Kormo reopened after two years of work, the mayor said. " * 5
                             + "</p></article></body></html>"}) + "\n")
    (tmp_path / "notes.xyz").write_text("?")
    items = list(iter_sources([jl, tmp_path / "notes.xyz", tmp_path / "missing.jsonl"]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["SourceRecord", "Problem", "Problem", "SourceRecord", "Problem", "Problem"]
    assert items[1].file.endswith("feed.jsonl.gz:2") and "invalid JSON" in items[1].message
    assert "no article text" in items[2].message
    assert "bridge in Kormo" in items[3].account.text
    assert "unknown format" in items[4].message


def test_warc_html_responses_become_articles(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    page = ("<html><head><title>Dam opens</title><meta property='article:published_time' content='2025-03-04'>"
            "</head><body><nav>Home | World</nav><article><p>" + "The new dam on the Orsa river opened on Tuesday, "
            "engineers said, and will supply power to 40,000 homes. " * 4 + "</p></article></body></html>")
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for uri, ctype, body in [("https://news.example/dam", "text/html; charset=utf-8", page.encode()),
                                 ("https://news.example/logo.png", "image/png", b"\x89PNG....")]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    items = list(iter_sources([path]))
    assert len(items) == 1 and isinstance(items[0], SourceRecord)
    acc = items[0].account
    assert acc.url == "https://news.example/dam" and "Orsa river" in acc.text and "Home | World" not in acc.text
    assert acc.published == "2025-03-04"


def test_ingest_dedupes_groups_and_is_idempotent(tmp_path):
    src = _jsonl(tmp_path / "a.jsonl", _records())
    db = tmp_path / "c.duckdb"
    s = ingest([src], db, LocalEngine(), batch_size=2)
    assert (s.records, s.articles, s.exact_duplicates, s.near_duplicates) == (5, 3, 1, 1)
    con = duckdb.connect(str(db), read_only=True)
    dups = dict(con.execute("SELECT source_name, kind FROM duplicates").fetchall())
    assert dups == {"synd": "exact", "edit": "near"}
    orig = con.execute("SELECT id FROM articles WHERE source_name = 'orig'").fetchall()[0][0]
    assert {r[0] for r in con.execute("SELECT original_id FROM duplicates").fetchall()} == {orig}
    story = dict(con.execute("SELECT source_name, story_id FROM articles").fetchall())
    assert story["orig"] == story["other"] != story["frost"]
    # Analysis is queryable per article, with offsets into the stored text.
    ents = con.execute("SELECT a.text, e.start, e.end, e.text FROM entities e JOIN articles a ON a.id = e.article_id "
                       "WHERE e.label = 'PERSON'").fetchall()
    assert ents and all(t[s:e] == et for t, s, e, et in ents)
    assert any(et == "Ilse Varga" for *_, et in ents)
    tables = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
              for t in ("articles", "duplicates", "stories", "story_members", "entities", "lsh_bands", "minhashes")}
    con.close()
    again = ingest([src], db, LocalEngine(), batch_size=3)
    assert (again.articles, again.duplicates, again.already_stored) == (0, 0, 5)
    con = duckdb.connect(str(db), read_only=True)
    assert tables == {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in tables}
    con.close()
    listed = queries.list_stories(db)
    assert listed[0]["size"] == 2 and listed[0]["duplicates"] == 2
    assert set(listed[0]["sources"]) == {"Valdmora News", "Harbour Times"}
    assert listed[0]["first_published"] == "2025-06-02" and listed[0]["last_published"] == "2025-06-03"
    assert 0 <= listed[0]["divergence"] < 1
    assert [r["id"] for r in queries.list_stories(db, q="orchards")] == [story["frost"]]
    accounts = queries.story_accounts(db, listed[0]["id"])
    assert [a.title for a in accounts] == ["Northern pier to close", "Union wants compensation"]


def test_chunked_engine_calls_store_the_same_as_batch_by_batch(tmp_path):
    # An engine that takes several batches per call (Ray, forked workers) decides a whole chunk at once;
    # the store must not depend on it, including a copy whose original is in an earlier batch of the chunk.
    src = _jsonl(tmp_path / "a.jsonl", _records())
    one, chunked = LocalEngine(), LocalEngine()
    chunked.batches_per_call = 3
    ingest([src], tmp_path / "one.duckdb", one, batch_size=1)
    s = ingest([src], tmp_path / "chunked.duckdb", chunked, batch_size=1)
    assert (s.articles, s.exact_duplicates, s.near_duplicates) == (3, 1, 1)

    assert _dump_tables(tmp_path / "one.duckdb") == _dump_tables(tmp_path / "chunked.duckdb")


def test_reopening_the_store_between_batches_changes_nothing(tmp_path, monkeypatch):
    # The ingest closes and reopens DuckDB every REOPEN_EVERY batches to hand back its memory; a store
    # written with a reopen after every batch must equal one written on one connection.
    import counterpoint.corpus.pipeline as pipeline

    src = _jsonl(tmp_path / "a.jsonl", _records())
    ingest([src], tmp_path / "one.duckdb", LocalEngine(), batch_size=1)
    monkeypatch.setattr(pipeline, "REOPEN_EVERY", 1)
    reopened = []
    real_connect = pipeline.store.connect
    monkeypatch.setattr(pipeline.store, "connect", lambda *a, **k: reopened.append(1) or real_connect(*a, **k))
    ingest([src], tmp_path / "reopened.duckdb", LocalEngine(), batch_size=1)
    assert len(reopened) == 5  # the first open, then one after each of batches 1-4

    assert _dump_tables(tmp_path / "one.duckdb") == _dump_tables(tmp_path / "reopened.duckdb")


def test_ids_stay_unique_without_a_key_constraint(tmp_path):
    # The store has no PRIMARY KEY on ids (its index would grow in memory with the store): the ingest's
    # own look-ups must keep them unique, for a record repeated inside one batch, across batches of one
    # run, and across runs.
    recs = _records()
    src = _jsonl(tmp_path / "a.jsonl", recs + [recs[0], recs[4], recs[1]])
    db = tmp_path / "c.duckdb"
    first = ingest([src], db, LocalEngine(), batch_size=4)
    assert first.already_stored == 3
    ingest([src, _jsonl(tmp_path / "b.jsonl", recs[::-1])], db, LocalEngine(), batch_size=2)
    con = duckdb.connect(str(db), read_only=True)
    ids = [r[0] for r in con.execute("SELECT id FROM articles UNION ALL SELECT id FROM duplicates").fetchall()]
    con.close()
    assert len(ids) == len(set(ids)) == 5


def test_time_window_separates_stories(tmp_path):
    recs = _records()
    far = dict(recs[3], id="later", url="https://harbourtimes.example/2025/09/30/varga", published="2025-09-30")
    db = tmp_path / "c.duckdb"
    ingest([_jsonl(tmp_path / "a.jsonl", [recs[0], far])], db, LocalEngine())
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(DISTINCT story_id) FROM articles").fetchall()[0][0] == 2
    con.close()


def test_an_article_naming_other_days_does_not_join_the_story(tmp_path):
    from datetime import date

    from counterpoint.corpus import store, stories
    from counterpoint.corpus.pipeline import named_days

    tx = [{"type": "DATE", "value": "2016-11-08", "text": "Nov. 8, 2016"},
          {"type": "DATE", "value": "XXXX-06-14", "text": "June 14"},
          {"type": "DATE", "value": "2025-03-18", "text": "Tuesday"},  # relative: anchored, not named
          {"type": "DATE", "value": "2016-11", "text": "November"}]
    assert named_days(tx) == [(date(2016, 11, 8), True), (date(2000, 6, 14), False)]
    call = (date(2025, 3, 18), date(2025, 3, 19))
    assert not stories.dates_agree(named_days(tx), *call)  # two named days, neither near the call
    assert stories.dates_agree(named_days(tx[:1]), *call)  # one background day is no conflict
    assert stories.dates_agree([(date(2000, 3, 17), False), (date(2016, 11, 8), True)], *call)  # "March 17"
    assert stories.dates_agree(named_days(tx), None, None)
    assert not stories.dates_agree(named_days(tx[:1]), *call, conflict_days=1)  # undated: one day decides

    con = store.connect(tmp_path / "s.duckdb")
    try:
        words = {"putin": 3, "trump": 3, "ceasefire": 2, "energy": 2, "call": 2}
        ents = {"p:putin": 2, "p:trump": 2, "g:ukraine": 1}
        grouper = stories.StoryGrouper(con)
        a = stories.NewArticle("a", 1, date(2025, 3, 18), "Call", dict(ents), dict(words), [(date(2025, 3, 18), True)])
        same = stories.NewArticle("b", 2, date(2025, 3, 19), "Call", dict(ents), dict(words), [(date(2000, 3, 18), False)])
        other = stories.NewArticle("c", 3, date(2025, 3, 19), "Old", dict(ents), dict(words), named_days(tx))
        out, _, _ = grouper.assign([a, same, other])
        assert out[0].story_id == out[1].story_id != out[2].story_id
    finally:
        con.close()


def test_undated_articles_are_stored_and_match_any_window(tmp_path):
    # A batch whose articles are all undated gave DuckDB a NULL-typed date column and every such batch
    # failed with a Binder Error; undated articles must be stored and grouped like dated ones.
    undated = [{k: v for k, v in r.items() if k != "published"} for r in _records()]
    db = tmp_path / "c.duckdb"
    s = ingest([_jsonl(tmp_path / "a.jsonl", undated)], db, LocalEngine(), batch_size=1)
    assert (s.records, s.articles, s.exact_duplicates, s.near_duplicates) == (5, 3, 1, 1)
    con = duckdb.connect(str(db), read_only=True)
    story = dict(con.execute("SELECT source_name, story_id FROM articles").fetchall())
    assert con.execute("SELECT count(*) FROM articles WHERE published IS NOT NULL").fetchall()[0][0] == 0
    con.close()
    assert story["orig"] == story["other"] != story["frost"]
    # An undated batch against dated stories, and a dated one against undated stories: any window matches.
    recs = _records()
    mixed = tmp_path / "m.duckdb"
    ingest([_jsonl(tmp_path / "b.jsonl", [recs[0], undated[3], recs[4]])], mixed, LocalEngine(), batch_size=1)
    con = duckdb.connect(str(mixed), read_only=True)
    story = dict(con.execute("SELECT source_name, story_id FROM articles").fetchall())
    con.close()
    assert story["orig"] == story["other"] != story["frost"]


def test_cli_ingest_stories_and_compare(tmp_path):
    src = _jsonl(tmp_path / "a.jsonl", _records())
    db = tmp_path / "c.duckdb"
    runner = CliRunner()
    r = runner.invoke(app, ["corpus", "ingest", str(src), "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "3 new articles, 1 exact and 1 near duplicates" in r.output
    r = runner.invoke(app, ["corpus", "stories", "--db", str(db), "--json", "--min-size", "2"])
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["size"] == 2
    r = runner.invoke(app, ["compare", "--db", str(db), "--story", str(rows[0]["id"]), "-q"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert report["event_id"] == f"story-{rows[0]['id']}" and len(report["accounts"]) == 2
    r = runner.invoke(app, ["compare", "--db", str(db), "--story", "999", "-q"])
    assert r.exit_code == 2 and "no story 999" in r.output
    r = runner.invoke(app, ["corpus", "stories", "--db", str(tmp_path / "nope.duckdb")])
    assert r.exit_code == 2 and "no such corpus database" in r.output
    r = runner.invoke(app, ["corpus", "ingest", str(tmp_path / "absent.jsonl"), "--db", str(db)])
    assert r.exit_code == 2 and "no such file" in r.output


def test_story_browser_ids_titles_and_80_columns(tmp_path):
    recs = _records()
    recs.append({"id": "untitled", "url": "https://agri.example/frost-2", "published": "2025-06-03",
                 "text": "Growers in the Kessel valley counted frost losses on Sunday. " + STORM})
    db = tmp_path / "c.duckdb"
    ingest([_jsonl(tmp_path / "a.jsonl", recs)], db, LocalEngine(), batch_size=8)
    listed = queries.list_stories(db)
    assert all(s["title"] for s in listed)  # a story without a title is named by its first line
    pier = next(s for s in listed if s["sources"] == ["Harbour Times", "Valdmora News"])
    # Account ids say what they are: outlet, date, slug of the title (no hashes).
    assert [a.id for a in queries.story_accounts(db, pier["id"])] == [
        "valdmora-news-2025-06-02-northern-pier-to-close", "harbour-times-2025-06-03-union-wants-compensation"]
    by_outlet = queries.story_sources(db, [pier["id"]])[pier["id"]]
    assert [o["outlet"] for o in by_outlet] == ["Valdmora News", "Wire", "Coast Post", "Harbour Times"]
    assert by_outlet[1]["articles"][0]["copy_of"]  # the syndicated copy, under its own outlet
    r = CliRunner().invoke(app, ["corpus", "stories", "--db", str(db)], env={"COLUMNS": "80"}, terminal_width=80)
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines and max(len(x) for x in lines) <= 80, r.stdout
    assert "Northern pier to close" in r.stdout and "sources: Harbour Times, Valdmora News" in r.stdout
    assert "2025-06-02 to 2025-06-03" in r.stdout


# ---------------------------------------------------------------- one reader per format, bounded

def _warc_bytes(records: list[tuple[str, str, str, str, bytes]]) -> bytes:
    """(type, status, uri, content type, body) records as a gzip WARC."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for rec_type, status, uri, ctype, body in records:
        if rec_type == "response":
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
        else:
            w.write_record(w.create_warc_record(uri, rec_type, payload=io.BytesIO(body),
                                                warc_content_type=ctype))
    return buf.getvalue()


def _page(title: str, sentence: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><p>" + sentence * 4
            + "</p></article></body></html>").encode()


def test_case_and_corpus_read_the_same_warc_records(tmp_path):
    from counterpoint.ingest import load_case

    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc_bytes([
        ("response", "200 OK", "https://news.example/dam", "text/html", _page("Dam", "The dam on the Orsa river opened on Tuesday, engineers said. ")),
        ("response", "404 Not Found", "https://news.example/gone", "text/html", _page("Not found", "The page you asked for was not found on this server today. ")),
        ("response", "301 Moved Permanently", "https://news.example/old", "text/html", _page("Moved", "This story has moved to a new address on our website now. ")),
        ("resource", "", "https://news.example/saved", "text/html; charset=utf-8", _page("Saved", "The bridge in Kormo reopened after two years of work, the mayor said. ")),
        ("response", "200 OK", "https://news.example/logo.png", "image/png", b"\x89PNG...."),
    ]))
    corpus = [i for i in iter_sources([path])]
    assert all(isinstance(i, SourceRecord) for i in corpus), corpus
    case = load_case(None, [path], keep_going=True)
    assert not case.problems
    urls = ["https://news.example/dam", "https://news.example/saved"]  # non-200 skipped, resource read
    assert [r.account.url for r in corpus] == [a.url for a in case.accounts] == urls
    assert [r.account.text for r in corpus] == [a.text for a in case.accounts]
    assert [r.account.published for r in corpus] == [a.published for a in case.accounts]


def test_case_and_corpus_refuse_the_same_gzip_bomb(tmp_path):
    import time

    from fuzz.generate import gzip_bomb_warc

    from counterpoint.ingest import load_case

    bomb = tmp_path / "bomb.warc.gz"
    bomb.write_bytes(gzip_bomb_warc(300_000_000))  # 300 KB inflating to 300 MB
    t = time.perf_counter()
    case = load_case(None, [bomb], keep_going=True)
    items = list(iter_sources([bomb]))
    assert time.perf_counter() - t < 5  # neither path inflates it
    assert not case.accounts and len(case.problems) == 1 and "inflates to more than" in case.problems[0].message
    assert len(items) == 1 and not isinstance(items[0], SourceRecord)
    assert items[0].file.startswith(str(bomb)) and "inflates to more than" in items[0].message


# Peak RSS of the reading process itself: VmHWM starts afresh at exec, whereas getrusage's ru_maxrss
# also counts the image of the (large) pytest process the child was forked from.
_PEAK_RSS = """
import re, sys
from pathlib import Path
from counterpoint.corpus.sources import iter_sources
items = list(iter_sources([Path(sys.argv[1])]))
print([type(i).__name__ for i in items])
print([getattr(i, "message", "") for i in items])
print(int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1)) // 1024)
"""


def test_huge_jsonl_line_is_refused_with_bounded_memory(tmp_path):
    """A .jsonl.gz holding one 300 MB line: refused as over the record limit without holding it
    (was: the whole line read, then decoded; 6.4 GB RSS for a 3 GB line), the lines around it read."""
    import subprocess
    import sys

    path = tmp_path / "huge.jsonl.gz"
    member = gzip.compress(b"a" * (1 << 20))  # gzip members concatenate: 300 copies inflate to one 300 MB run
    with open(path, "wb") as fh:
        fh.write(gzip.compress(b'{"id": "before", "text": "' + PARAS[0].encode() + b'"}\n{"text": "'))
        for _ in range(300):
            fh.write(member)
        fh.write(gzip.compress(b'"}\n{"id": "after", "text": "' + PARAS[1].encode() + b'"}\n'))
    proc = subprocess.run([sys.executable, "-c", _PEAK_RSS, str(path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    kinds, messages, peak_mb = proc.stdout.splitlines()
    assert kinds == "['SourceRecord', 'Problem', 'SourceRecord']"
    assert "record over the size limit" in messages
    assert int(peak_mb) < 200, f"peak RSS {peak_mb} MB reading a 300 MB line"


def test_folder_walk_stays_inside_and_reads_only_regular_files(tmp_path):
    import os

    import pytest

    outside = tmp_path / "secret.txt"
    outside.write_text("SECRET " + STORM, encoding="utf-8")
    folder = tmp_path / "feed"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(STORM, encoding="utf-8")
    (folder / "sub" / "more.txt").write_text("\n\n".join(PARAS), encoding="utf-8")
    os.symlink(outside, folder / "leak.txt")
    os.symlink("/proc/self/status", folder / "status.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    os.symlink(".", folder / "loop1")
    os.symlink(".", folder / "loop2")
    os.symlink("sub/more.txt", folder / "inside.txt")  # a link that stays inside is read
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(folder / "pipe.jsonl")
    items = list(iter_sources([folder]))
    records = [i for i in items if isinstance(i, SourceRecord)]
    problems = {Path(i.file).name: i.message for i in items if not isinstance(i, SourceRecord)}
    assert sorted(Path(r.locator).name for r in records) == ["good.txt", "inside.txt", "more.txt"]
    assert all("SECRET" not in r.account.text and "VmRSS" not in r.account.text for r in records)
    assert set(problems) == {"leak.txt", "status.txt", "zero.txt", "loop1", "loop2", "pipe.jsonl"}
    assert "outside the folder" in problems["leak.txt"] and "outside the folder" in problems["zero.txt"]
    assert "to a folder" in problems["loop1"] and "FIFO" in problems["pipe.jsonl"]
    # Named directly, a FIFO or a device is refused too, never read.
    direct = list(iter_sources([folder / "pipe.jsonl", Path("/dev/zero")]))
    assert "FIFO" in direct[0].message and direct[1].file == "/dev/zero"


def test_bad_corpus_manifest_is_one_line_and_the_files_still_load(tmp_path):
    cases = [('{"accounts": 5}', "no 'accounts' list"), ("[1, 2]", "must be a JSON object"),
             ('{"accounts": ' + "[" * 100_000 + "]" * 100_000 + "}", "nesting deeper than 100"),
             ("{not json", "invalid JSON")]
    for n, (raw, why) in enumerate(cases):
        folder = tmp_path / f"case{n}"
        folder.mkdir()
        (folder / "event.json").write_text(raw, encoding="utf-8")
        (folder / "a.txt").write_text(STORM, encoding="utf-8")
        items = list(iter_sources([folder]))
        assert [type(i).__name__ for i in items] == ["Problem", "SourceRecord"], raw[:40]
        assert items[0].file == str(folder / "event.json") and "invalid manifest" in items[0].message
        assert why in items[0].message and "\n" not in items[0].line()


def test_deeply_nested_jsonl_line_is_one_problem(tmp_path):
    jl = _jsonl(tmp_path / "feed.jsonl", [{"id": "x", "text": STORM}])
    with open(jl, "a", encoding="utf-8") as fh:
        fh.write("[" * 100_000 + "]" * 100_000 + "\n")
        fh.write(json.dumps({"id": "y", "text": PARAS[0]}) + "\n")
    items = list(iter_sources([jl]))
    assert [type(i).__name__ for i in items] == ["SourceRecord", "Problem", "SourceRecord"]
    assert items[1].file == f"{jl}:2" and "nesting deeper than 100" in items[1].message


def test_copies_of_one_text_under_other_names_are_linked_duplicates(tmp_path):
    # the content alone was the key of a record without a URL: nine of ten copies left no trace
    folder = tmp_path / "in"
    folder.mkdir()
    text = "Norland and Castavia agreed on Tuesday to reopen the Port of Velm, officials said.\n"
    for k in range(10):
        (folder / f"copy{k}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "c.duckdb"
    s = ingest([folder], db, LocalEngine(), batch_size=4)
    assert (s.articles, s.exact_duplicates, s.already_stored) == (1, 9, 0)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM duplicates WHERE kind = 'exact'").fetchall()[0][0] == 9
    con.close()
    again = ingest([folder], db, LocalEngine(), batch_size=4)   # the same files again: idempotent
    assert (again.articles, again.duplicates, again.already_stored) == (0, 0, 10)
