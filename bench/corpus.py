"""Corpus-scale bench: builds corpora of real text, measures raw spaCy vs our ingest + analysis,
seconds per article of the corpus stages as the corpus grows, peak memory, and precision/recall of
duplicate detection and story grouping against labelled data. Writes bench/RESULTS.md.

    nice .venv/bin/python bench/corpus.py                      # 1k, 10k, 100k; 2,000 articles for throughput
    .venv/bin/python bench/corpus.py --sizes 200,1000 --perf 100   # a quick run while developing
    ... --work DIR --reuse-cache    # keep corpora/stores in DIR and reuse its paragraph analysis cache
    nice .venv/bin/python bench/corpus.py --only throughput --perf 400   # just (a) and (b), one after the other;
                                    # prints CPU seconds and the ratio, writes nothing to --out

Every phase runs in its own process; with --jobs 2 (the default on 2+ cores) the throughput phases (a, b)
and the scaling phases run side by side, one core each. Wall and CPU seconds are both reported: on a
shared machine the CPU-time ratio is the steadier one. Each ingest also writes a per-batch trace
(STORE.trace.json) from which the marginal cost per article at 1k, 10k and 100k stored is read.

How corpora are made (also written into RESULTS.md):
- sources: the PolNeAR articles (../shared/polnear/*/text, metadata.tsv for title, publisher, date) and the
  accounts of ../shared/events/*/ (event.json for outlet, url, date); texts split into paragraphs at line breaks
  (several sources put one paragraph per line without blank lines);
- every corpus starts with the event accounts (labelled stories) and the PolNeAR originals, then recombined
  articles: the title and lead paragraph of a random PolNeAR article followed by 4-10 paragraphs drawn at
  random from other PolNeAR articles; so that events compete with distractors in their time window, every
  distractor gets a date drawn uniformly over the span of the events (2024-12-01 .. 2026-03-01);
- labelled duplicates: 2% of records are exact copies (same text, another URL and outlet) and 3% near copies
  (edited headline, one body paragraph trimmed or the last paragraphs cut, a boilerplate line added or changed)
  of an earlier record.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

BOILERPLATE = ["Subscribe to our newsletter for the latest news.", "Follow us on social media for updates.",
               "This article was first published by our partners.", "Share this story with your friends.",
               "Sign up for breaking news alerts."]
SPAN = (date(2024, 12, 1), date(2026, 3, 1))


def paragraphs(text: str) -> list[str]:
    # Every non-empty line: some outlets (HuffPost in PolNeAR, several event accounts) put one paragraph per
    # line with no blank line between, and splitting only at blank lines made whole articles one "paragraph".
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]


def load_sources() -> tuple[list[dict], list[dict]]:
    """(PolNeAR articles, event accounts) as dicts with title, outlet, published, url, paragraphs."""
    meta = {}
    with open(SHARED / "polnear" / "metadata.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    polnear = []
    for split in ("train", "dev"):
        for p in sorted((SHARED / "polnear" / split / "text").glob("*.txt")):
            m = meta.get(p.stem, {})
            paras = paragraphs(p.read_text(encoding="utf-8"))
            if len(paras) >= 2:
                polnear.append({"name": p.stem, "title": m.get("title") or paras[0][:80],
                                "outlet": m.get("publisher"), "paras": paras})
    events = []
    for folder in sorted((SHARED / "events").iterdir()):
        manifest = json.loads((folder / "event.json").read_text(encoding="utf-8"))
        for a in manifest["accounts"]:
            paras = paragraphs((folder / a["file"]).read_text(encoding="utf-8"))
            events.append({"name": f"{folder.name}/{a['id']}", "title": paras[0][:120], "outlet": a.get("outlet"),
                           "url": a.get("url"), "published": a.get("published") or manifest.get("date"),
                           "paras": paras, "story": manifest.get("event_id") or folder.name})
    return polnear, events


def _rand_date(rng: random.Random) -> str:
    return (SPAN[0] + timedelta(days=rng.randrange((SPAN[1] - SPAN[0]).days))).isoformat()


def build_corpus(n: int, polnear: list[dict], events: list[dict], seed: int = 7, dup_rate: float = 0.05):
    """Yields n records (dicts) in ingest order, labelled with `story` and `copy_of`."""
    rng = random.Random(seed)
    made = []
    for e in events:
        rec = {"id": e["name"], "url": e["url"] or f"https://events.example/{e['name']}", "title": e["title"],
               "outlet": e["outlet"], "published": e["published"], "text": "\n\n".join(e["paras"]),
               "story": e["story"], "copy_of": None, "paras": e["paras"], "srcs": [e["name"]]}
        made.append(rec)
    for a in polnear:
        made.append({"id": a["name"], "url": f"https://polnear.example/{a['name']}", "title": a["title"],
                     "outlet": a["outlet"], "published": _rand_date(rng), "text": "\n\n".join(a["paras"]),
                     "story": None, "copy_of": None, "paras": a["paras"], "srcs": [a["name"]]})
    out = 0
    for rec in made:
        if out == n:
            return
        yield {k: v for k, v in rec.items() if k != "paras"}
        out += 1
    recent: list[dict] = made[-200:]
    k = 0
    while out < n:
        r = rng.random()
        if r < dup_rate and recent:
            src = rng.choice(recent)
            k += 1
            if r < dup_rate * 0.4:  # exact copy, syndicated
                yield {**{x: src[x] for x in ("title", "published", "text", "story", "srcs")}, "id": f"copy{k}",
                       "url": f"https://syndicate{k % 50}.example/{k}", "outlet": f"syndicate{k % 50}",
                       "copy_of": src["id"]}
            else:
                paras = list(src["paras"])
                if len(paras) > 6 and rng.random() < 0.5:
                    paras = paras[: len(paras) - rng.randint(1, 2)]  # the last paragraphs cut
                elif len(paras) > 3:
                    del paras[rng.randrange(1, len(paras))]  # one body paragraph trimmed
                paras.append(rng.choice(BOILERPLATE))
                yield {"id": f"near{k}", "url": f"https://republish{k % 50}.example/{k}",
                       "title": "UPDATED: " + (src["title"] or ""), "outlet": f"republish{k % 50}",
                       "published": src["published"], "text": "\n\n".join(paras), "story": src["story"],
                       "copy_of": src["id"], "srcs": src["srcs"]}
            out += 1
            continue
        base = rng.choice(polnear)
        paras, srcs = [base["paras"][0]], [base["name"]]
        for _ in range(rng.randint(4, 10)):
            other = rng.choice(polnear)
            paras.append(rng.choice(other["paras"][1:]))
            srcs.append(other["name"])
        rec = {"id": f"mix{out}", "url": f"https://mix.example/{out}", "title": base["title"],
               "outlet": base["outlet"], "published": _rand_date(rng), "text": "\n\n".join(paras),
               "story": None, "copy_of": None, "paras": paras, "srcs": srcs}
        recent[rng.randrange(len(recent))] = rec
        yield {k2: v for k2, v in rec.items() if k2 != "paras"}
        out += 1


def write_corpus(path: Path, records) -> dict:
    labels = {}
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            labels[r["id"]] = (r["story"], r["copy_of"], r["srcs"])
            fh.write(json.dumps({k: r[k] for k in ("id", "url", "title", "outlet", "published", "text")}) + "\n")
    return labels


# ---------------------------------------------------------------- phases (each in its own process)

def phase_raw(corpus: Path, limit: int) -> dict:
    from counterpoint.analysis.nlp import load_pipeline

    nlp = load_pipeline()
    texts = []
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if len(texts) == limit:
                break
    words = sum(len(t.split()) for t in texts)
    t0, c0 = time.perf_counter(), _cpu()
    for _doc in nlp.pipe(texts, batch_size=16):
        pass
    secs = time.perf_counter() - t0
    return {"articles": len(texts), "words": words, "seconds": secs, "cpu_seconds": _cpu() - c0}


def _cpu() -> float:
    """CPU seconds of this process, all threads: unlike wall time, barely moved by other users' jobs."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class CachedEngine:
    """For the scaling runs: the analysis of a record is assembled from analyses of its paragraphs,
    parsed once and cached, because the per-article analysis does not depend on corpus size."""

    name = "cached"

    def __init__(self, cache: dict):
        self.cache = cache

    def analyze(self, accounts) -> list[dict]:
        out = []
        for acc in accounts:
            res = {"quotes": [], "claims": [], "figures": [], "timexes": [], "events": [], "mentions": [],
                   "entities": [], "terms": {}, "n_tokens": 0, "n_sents": 0}
            pos = 0
            for para in acc.text.split("\n\n"):
                start = acc.text.find(para, pos)
                pos = start + len(para)
                r = self.cache.get(para.strip())
                if r is None:
                    continue
                res["entities"] += [[e[0], e[1], e[2] + start, e[3] + start, e[4]] for e in r["entities"]]
                for key in ("quotes", "figures", "timexes"):
                    for item in r[key]:
                        res[key].append({**item, "account": acc.id, "start": item["start"] + start,
                                         "end": item["end"] + start})
                for t, c in r["terms"].items():
                    res["terms"][t] = res["terms"].get(t, 0) + c
                res["n_tokens"] += r["n_tokens"]
                res["n_sents"] += r["n_sents"]
            out.append(res)
        return out

    def close(self):
        pass


def build_paragraph_cache(polnear: list[dict], events: list[dict], path: Path) -> float:
    from counterpoint.analysis.nlp import load_pipeline
    from counterpoint.corpus.analyze import analyze_parsed
    from counterpoint.records import Account, OffsetMap

    nlp = load_pipeline()
    paras = sorted({p for a in polnear + events for p in a["paras"]} | set(BOILERPLATE))
    t0 = time.perf_counter()
    cache = {}
    accs = ((p, Account(id="p", text=p, offset_map=OffsetMap.identity(len(p)))) for p in paras)
    for doc, acc in nlp.pipe(accs, as_tuples=True, batch_size=64):
        r = analyze_parsed(doc, acc)
        cache[acc.text] = {k: r[k] for k in ("entities", "terms", "n_tokens", "n_sents", "quotes", "figures",
                                             "timexes")}
    path.write_text(json.dumps(cache), encoding="utf-8")
    return time.perf_counter() - t0


def phase_ingest(corpus: Path, db: Path, limit: int | None, cache: Path | None, batch_size: int,
                 engine_name: str = "local", workers: int = 1, address: str | None = None) -> dict:
    from counterpoint.corpus.engines import make_engine
    from counterpoint.corpus.pipeline import ingest
    from counterpoint.corpus.sources import iter_jsonl

    engine = (CachedEngine(json.loads(cache.read_text(encoding="utf-8"))) if cache
              else make_engine(engine_name, address=address, workers=workers))
    if not cache and engine_name == "local":
        # the pipeline loaded (and the extractors imported) before the clock starts, as phase (a)
        # loads it before its clock: both measure throughput, not start-up
        import counterpoint.analysis.pipeline  # noqa: F401
        from counterpoint.analysis.nlp import load_pipeline
        load_pipeline()
    records = iter_jsonl(corpus)
    if limit:
        from itertools import islice
        records = islice(records, limit)
    # Per committed batch: records so far, wall and CPU seconds so far, RSS now; the marginal cost of an
    # article at store size N is read off these (written next to the store).
    trace: list[tuple] = []
    t0, c0 = time.perf_counter(), _cpu()

    def on_batch(_no: int, summ) -> None:
        rss = int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize() / 2**20
        trace.append((summ.records, round(time.perf_counter() - t0, 3), round(_cpu() - c0, 3), round(rss),
                      {k: round(v, 3) for k, v in summ.stage_seconds.items()}))

    try:
        s = ingest([], db, engine, batch_size=batch_size, records=records, on_batch=on_batch)
    finally:
        engine.close()
    db.with_suffix(".trace.json").write_text(json.dumps(trace), encoding="utf-8")
    return {"cpu_seconds": _cpu() - c0, "nodes": len(getattr(engine, "tasks_per_node", {}) or {}) or None,
            "records": s.records, "articles": s.articles, "exact": s.exact_duplicates,
            "near": s.near_duplicates, "problems": len(s.problems), "seconds": s.seconds, "stages": s.stage_seconds,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def marginal_costs(trace_path: Path, points: list[int], window: int = 2048) -> list[dict]:
    """From one ingest's trace: the cost per article of the last `window` records before each point
    (the marginal cost at that store size, without the start-up that a separate small run includes)."""
    trace = json.loads(trace_path.read_text(encoding="utf-8"))
    out = []
    for n in points:
        upto = [t for t in trace if t[0] <= n]
        if not upto:
            continue
        end = upto[-1]
        start = next((t for t in reversed(upto) if t[0] <= end[0] - window), None)
        s_rec, s_wall, s_cpu, s_st = (start[0], start[1], start[2], start[4]) if start else (0, 0.0, 0.0, {})
        k = end[0] - s_rec
        out.append({"at": end[0], "from": s_rec, "wall_ms": (end[1] - s_wall) / k * 1000,
                    "cpu_ms": (end[2] - s_cpu) / k * 1000, "rss_mb": end[3],
                    **{f"{st}_ms": (end[4][st] - s_st.get(st, 0.0)) / k * 1000
                       for st in ("read", "fingerprint", "dedupe", "stories", "storage")}})
    return out


def marginal_table(trace_path: Path, points: list[int]) -> list[str]:
    rows = marginal_costs(trace_path, points)
    L = ["| store size | records measured | wall | CPU | read | fingerprint | dedupe | stories | storage | RSS MB |",
         "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        L.append(f"| {r['at']:,} | {r['from']:,}–{r['at']:,} | {r['wall_ms']:.2f} ms | {r['cpu_ms']:.2f} ms | "
                 f"{r['read_ms']:.2f} ms | {r['fingerprint_ms']:.2f} ms | {r['dedupe_ms']:.2f} ms | "
                 f"{r['stories_ms']:.2f} ms | {r['storage_ms']:.2f} ms | {r['rss_mb']} |")
    return L


def rss_over_run(trace_path: Path, parts: int = 10) -> str:
    """Whether memory grows with the store: the highest RSS in each tenth of the largest run."""
    trace = json.loads(trace_path.read_text(encoding="utf-8"))
    n = trace[-1][0]
    tops = []
    for i in range(parts):
        lo, hi = n * i / parts, n * (i + 1) / parts
        rss = [t[3] for t in trace if lo < t[0] <= hi]
        if rss:
            tops.append((int(hi), max(rss)))
    first, last = tops[0][1], tops[-1][1]
    return ("Highest RSS in each tenth of the largest run (records up to: MB): "
            + ", ".join(f"{k:,}: {v}" for k, v in tops)
            + f". Last tenth / first tenth: {last / first:.2f}×; highest of all {max(v for _, v in tops)} MB.")


def run_phase(args: list[str], env: dict | None = None) -> dict:
    out = subprocess.run([sys.executable, __file__, "--phase", *args], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit(f"phase {args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- scoring

def score(db: Path, labels: dict) -> dict:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    art = dict(con.execute("SELECT source_name, story_id FROM articles").fetchall())
    dups = con.execute("SELECT d.source_name, a.source_name FROM duplicates d JOIN articles a ON a.id = d.original_id"
                       ).fetchall()
    con.close()
    # Duplicates: a link is right when the copy's labelled source is the original (or shares its source).
    root = {}
    for rid, (_story, copy_of, _srcs) in labels.items():
        r = rid
        while labels.get(r, (None, None))[1]:
            r = labels[r][1]
        root[rid] = r
    truth = {rid for rid, (_s, c, _x) in labels.items() if c}
    found = {d for d, _o in dups}
    right = {d for d, o in dups if d in truth and root[d] == root[o]}
    unlabelled = [(d, o) for d, o in dups if d not in truth]
    # Links between two source articles (not bench-made records) are reposts inside the source data, which
    # the labels know nothing of; they are listed and left out of the judged precision.
    internal = [(d, o) for d, o in unlabelled if labels[d][2] == [d] and labels.get(o, (0, 0, []))[2] == [o]]
    judged = len(found) - len(internal)
    # Stories: pairs of labelled event accounts (a duplicate counts in its original's story).
    story_of = dict(art)
    for d, o in dups:
        story_of[d] = art.get(o)
    event_ids = [rid for rid, (s, c, _x) in labels.items() if s and not c and rid in story_of]
    same_true = same_found = both = 0
    for x, y in combinations(event_ids, 2):
        t = labels[x][0] == labels[y][0]
        f = story_of[x] == story_of[y]
        same_true += t
        same_found += f
        both += t and f
    members = defaultdict(list)
    for rid, sid in story_of.items():
        members[sid].append(rid)
    # Precision also counts distractors pulled into an event's story.
    pulled = 0
    for x in event_ids:
        pulled += sum(1 for y in members[story_of[x]] if y != x and not labels.get(y, (None, None))[0])
    pairs_with_event = same_found + pulled
    sizes = [len(v) for v in members.values()]
    # Distractor stories (no event account): how big they get, and whether their members are related at
    # all (share a PolNeAR source article: the lead's or a body paragraph's), the only relatedness the
    # recombined articles have. Unrelated pairs are grouping errors.
    hist = {"1": 0, "2": 0, "3-5": 0, "6-10": 0, ">10": 0}
    related = distractor_pairs = 0
    for sid, ids in members.items():
        if any(labels.get(i, (None,))[0] for i in ids):
            continue
        n = len(ids)
        hist["1" if n == 1 else "2" if n == 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else ">10"] += 1
        for x, y in combinations(ids, 2):
            distractor_pairs += 1
            related += bool(set(labels[x][2]) & set(labels[y][2]))
    return {"dedupe_precision": len(right) / len(found) if found else 1.0,
            "dedupe_recall": len(right) / len(truth) if truth else 1.0,
            "dedupe_precision_judged": len(right) / judged if judged else 1.0, "dedupe_source_internal": internal,
            "dedupe_labelled": len(truth), "dedupe_found": len(found), "dedupe_unlabelled": unlabelled[:10],
            "dedupe_unlabelled_count": len(unlabelled),
            "story_precision": both / pairs_with_event if pairs_with_event else 1.0,
            "story_recall": both / same_true if same_true else 1.0,
            "story_pairs_true": same_true, "story_pairs_found": pairs_with_event,
            "distractors_pulled": pulled // 1,
            "stories": len(members), "multi_stories": sum(1 for s in sizes if s > 1), "largest_story": max(sizes),
            "distractor_sizes": hist, "distractor_pairs": distractor_pairs,
            "distractor_pairs_related": related / distractor_pairs if distractor_pairs else 1.0,
            "link_similarity": similarity_quantiles(db, labels)}


def similarity_quantiles(db: Path, labels: dict) -> dict:
    """The similarity with which articles joined stories, for event accounts and for distractors (which
    should stay alone: any join of one is a grouping error), and the stories' date spans."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT a.source_name, m.similarity FROM story_members m JOIN articles a ON a.id = m.article_id "
                       "WHERE m.similarity IS NOT NULL").fetchall()
    span = con.execute("SELECT max(last_published - first_published), quantile_cont(last_published - "
                       "first_published, 0.9) FROM stories WHERE size > 1").fetchall()[0]
    con.close()

    def q(v):
        if len(v) < 2:
            return " / ".join(f"{x:.3f}" for x in v) or "–"
        return " / ".join(f"{x:.3f}" for x in statistics.quantiles(v, n=10, method="inclusive")[::4]
                                            ) + f" (min {min(v):.3f}, n {len(v)})"
    event = [sim for name, sim in rows if labels.get(name, (None,))[0]]
    other = [sim for name, sim in rows if not labels.get(name, (None,))[0]]
    return {"event_joins": q(event), "distractor_joins": q(other), "max_span_days": span[0],
            "span_q90_days": span[1]}


# ---------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--perf", type=int, default=2000, help="articles for the throughput comparison")
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                    help="1: every phase in turn; 2: the throughput phases and the scaling phases side by side "
                         "(each phase is one process on one core)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    ap.add_argument("--work", type=Path, default=None, help="where corpora and stores go (default: a temp dir)")
    ap.add_argument("--reuse-cache", action="store_true",
                    help="reuse the paragraph analysis cache of an earlier run in the same --work folder")
    ap.add_argument("--engines", type=int, default=400,
                    help="articles for the engine comparison (local 1 process, Ray cluster of 1 node, of 2 nodes), "
                         "run alone after the other phases; 0 skips it")
    ap.add_argument("--only", choices=["scaling", "engines", "throughput"],
                    help="run only the scaling phases (with their duplicate and story scores) or only the engine "
                         "comparison, and write only their sections to --out; or only the throughput phases (a) "
                         "and (b) in turn, printing their figures (nothing is written to --out)")
    ap.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.phase:
        kind, *rest = a.phase
        if kind == "raw":
            res = phase_raw(Path(rest[0]), int(rest[1]))
        elif kind == "cache":
            polnear, events = load_sources()
            res = {"seconds": build_paragraph_cache(polnear, events, Path(rest[0]))}
        else:
            res = phase_ingest(Path(rest[0]), Path(rest[1]), int(rest[2]) or None,
                               Path(rest[3]) if rest[3] != "-" else None, int(rest[4]),
                               *(rest[5:6]), *([int(rest[6])] if len(rest) > 6 else []), *(rest[7:8]))
        print(json.dumps(res))
        return
    if not (SHARED / "polnear").is_dir() or not (SHARED / "events").is_dir():
        raise SystemExit(f"{SHARED}: the PolNeAR and events data are needed")
    sizes = [int(s) for s in a.sizes.split(",")]
    work = a.work or Path(tempfile.mkdtemp(prefix="corpus-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    a.work_dir = work
    t_all = time.perf_counter()
    polnear, events = load_sources()
    print(f"sources: {len(polnear)} PolNeAR articles, {len(events)} event accounts", flush=True)

    def throughput() -> tuple[dict, dict]:
        # (a) and (b): the same records, without bench-made copies so both parse every article.
        perf_corpus = work / "perf.jsonl"
        write_corpus(perf_corpus, build_corpus(a.perf, polnear, events, seed=11, dup_rate=0.0))
        raw = run_phase(["raw", str(perf_corpus), str(a.perf)])
        print(f"(a) raw spaCy: {raw['articles']} articles in {raw['seconds']:.1f}s", flush=True)
        db = work / "perf.duckdb"
        db.unlink(missing_ok=True)
        full = run_phase(["ingest", str(perf_corpus), str(db), str(a.perf), "-", str(a.batch_size)])
        print(f"(b) full ingest + analysis: {full['records']} articles in {full['seconds']:.1f}s, "
              f"peak {full['peak_rss_mb']:.0f} MB", flush=True)
        return raw, full

    def scaling() -> tuple[list[dict], float]:
        cache = work / "paragraphs.json"
        if a.reuse_cache and cache.exists():  # the features stories need come from spaCy alone: reusable
            cache_secs = float("nan")
            print(f"paragraph analysis cache reused: {cache}", flush=True)
        else:
            cache_secs = run_phase(["cache", str(cache)])["seconds"]
            print(f"paragraph analysis cache built in {cache_secs:.0f}s", flush=True)
        scale = []
        for n in sizes:
            corpus = work / f"corpus-{n}.jsonl"
            labels = write_corpus(corpus, build_corpus(n, polnear, events))
            db = work / f"corpus-{n}.duckdb"
            db.unlink(missing_ok=True)
            r = run_phase(["ingest", str(corpus), str(db), "0", str(cache), str(a.batch_size)])
            r["n"] = n
            r["score"] = score(db, labels)
            r["db_mb"] = db.stat().st_size / 1e6
            scale.append(r)
            corpus.unlink()
            print(f"size {n}: {r['seconds']:.1f}s, peak {r['peak_rss_mb']:.0f} MB, score {r['score']}", flush=True)
        return scale, cache_secs

    if a.only == "throughput":
        raw, full = throughput()
        ratio = raw["cpu_seconds"] / full["cpu_seconds"]
        print(json.dumps({"articles": raw["articles"], "cpu_a": round(raw["cpu_seconds"], 2),
                          "cpu_b": round(full["cpu_seconds"], 2), "ratio_cpu": round(ratio, 3),
                          "wall_a": round(raw["seconds"], 2), "wall_b": round(full["seconds"], 2),
                          "stages": {k: round(v, 2) for k, v in full["stages"].items()}}), flush=True)
        return
    if a.only:
        raw = full = None
        scale, cache_secs = scaling() if a.only == "scaling" else ([], float("nan"))
        engines = engine_comparison(work, a.engines, a.batch_size, polnear, events) if a.only == "engines" else []
        write_results(a.out, raw, full, scale, cache_secs, time.perf_counter() - t_all, a, engines)
        return
    if a.jobs > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(2) as pool:  # each phase is a subprocess: threads only wait
            f_perf, f_scale = pool.submit(throughput), pool.submit(scaling)
            raw, full = f_perf.result()
            scale, cache_secs = f_scale.result()
    else:
        raw, full = throughput()
        scale, cache_secs = scaling()
    engines = engine_comparison(work, a.engines, a.batch_size, polnear, events) if a.engines else []
    total = time.perf_counter() - t_all
    (work / "results.json").write_text(json.dumps({"raw": raw, "full": full, "scale": scale, "cache_secs": cache_secs,
                                                   "engines": engines, "total": total}, default=str),
                                       encoding="utf-8")
    write_results(a.out, raw, full, scale, cache_secs, total, a, engines)


def engine_comparison(work: Path, n: int, batch_size: int, polnear, events) -> list[dict]:
    """The same articles through each engine, one after another: the in-process engine on one process, then
    Ray on a cluster started with `ray start` on this machine (LocalCluster), first the head node alone and
    then head + one worker node, each node with one CPU."""
    from counterpoint.corpus.localcluster import LocalCluster

    corpus = work / "engines.jsonl"
    write_corpus(corpus, build_corpus(n, polnear, events, seed=13, dup_rate=0.0))
    out = []

    def one(name: str, engine: str, workers: int, address: str | None = None, env: dict | None = None) -> None:
        db = work / f"engines-{len(out)}.duckdb"
        db.unlink(missing_ok=True)
        r = run_phase(["ingest", str(corpus), str(db), str(n), "-", str(batch_size), engine, str(workers),
                       *([address] if address else [])], env=env)
        r["name"] = name
        out.append(r)
        print(f"engine {name}: {r['records']} articles in {r['seconds']:.1f}s", flush=True)

    one("local, 1 process", "local", 1)
    with LocalCluster() as cluster:
        cluster.start("head", head=True)
        cluster.wait_nodes(1)
        one("Ray cluster, 1 node × 1 CPU", "ray", 1, cluster.address, cluster.env)
        cluster.start("worker", head=False)
        cluster.wait_nodes(2)
        one("Ray cluster, 2 nodes × 1 CPU (`ray start` head + worker)", "ray", 1, cluster.address, cluster.env)
    return out


def _join_threshold() -> float:
    from counterpoint.corpus.stories import JOIN_SIMILARITY

    return JOIN_SIMILARITY


def write_results(out: Path, raw: dict, full: dict, scale: list[dict], cache_secs: float, total: float, a,
                  engines: list[dict] | None = None) -> None:
    partial = raw is None  # --only: the parts not run are left out of the file
    if partial:
        raw = {"articles": 1, "seconds": 1.0, "cpu_seconds": 1.0, "words": 1}
        full = {"records": 1, "seconds": 1.0, "cpu_seconds": 1.0, "peak_rss_mb": 0.0, "stages": {}}
    ratio = (full["records"] / full["seconds"]) / (raw["articles"] / raw["seconds"])
    cpu_ratio = (full["records"] / full["cpu_seconds"]) / (raw["articles"] / raw["cpu_seconds"])
    L = ["# Corpus bench results", "",
         f"Measured by `bench/corpus.py --sizes {a.sizes} --perf {a.perf} --batch-size {a.batch_size} --jobs {a.jobs}` "
         f"on {platform.node() and 'a'} shared {os.cpu_count()}-core Linux machine, under `nice`"
         + (", the throughput phases and the scaling phases side by side (one process each)"
            if a.jobs > 1 and not getattr(a, "only", None) else "")
         + f". Absolute times are noisy on a shared machine, ratios less so. Python "
         f"{platform.python_version()}. Whole run: {total / 60:.1f} min.", "",
         "## Throughput: raw spaCy vs full ingest + analysis (one process, same articles)", "",
         "| | articles | seconds | articles/s | words/s |", "|---|---:|---:|---:|---:|",
         f"| (a) raw `nlp.pipe` (en_core_web_sm, full pipeline) | {raw['articles']} | {raw['seconds']:.1f} | "
         f"{raw['articles'] / raw['seconds']:.2f} | {raw['words'] / raw['seconds']:,.0f} |",
         f"| (b) `corpus ingest` (read, fingerprint, dedupe, parse + extractors, stories, DuckDB) | {full['records']} "
         f"| {full['seconds']:.1f} | {full['records'] / full['seconds']:.2f} | {raw['words'] / full['seconds']:,.0f} |",
         "", f"**Ratio (b)/(a) = {ratio:.2f}** on wall time, **{cpu_ratio:.2f}** on CPU time (target ≥ 0.7; CPU "
         f"seconds: (a) {raw['cpu_seconds']:.1f}, (b) {full['cpu_seconds']:.1f}; on a shared machine the CPU-time "
         f"ratio is the steadier one). Peak memory of (b): {full['peak_rss_mb']:.0f} MB.", "",
         "Stage seconds in (b): " + ", ".join(f"{k} {v:.1f}" for k, v in full["stages"].items()), "",
         "## Corpus stages as the corpus grows", "",
         "Per-article analysis does not depend on corpus size, so these runs take each article's analysis from a "
         "cache of per-paragraph analyses ("
         + (f"built once in {cache_secs:.0f} s" if cache_secs == cache_secs else "reused from an earlier run")
         + ") and time the stages that compare an "
         "article with the corpus. Seconds per article (all records, duplicates included):", "",
         "| records | ingest total | CPU | read | fingerprint | dedupe | stories | storage | peak RSS MB | store MB |",
         "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in scale:
        n, st = r["records"], r["stages"]
        L.append(f"| {n:,} | {r['seconds'] / n * 1000:.2f} ms | {r['cpu_seconds'] / n * 1000:.2f} ms | "
                 f"{st['read'] / n * 1000:.2f} ms | "
                 f"{st['fingerprint'] / n * 1000:.2f} ms | {st['dedupe'] / n * 1000:.2f} ms | "
                 f"{st['stories'] / n * 1000:.2f} ms | {st['storage'] / n * 1000:.2f} ms | {r['peak_rss_mb']:.0f} | "
                 f"{r['db_mb']:.0f} |")
    if len(scale) > 1:
        first, last = scale[0], scale[-1]
        L += ["", f"Seconds per article at {last['records']:,} / at {first['records']:,}: "
                  f"{(last['seconds'] / last['records']) / (first['seconds'] / first['records']):.2f}× on wall time, "
                  f"{(last['cpu_seconds'] / last['records']) / (first['cpu_seconds'] / first['records']):.2f}× on "
                  "CPU time (target within 1.5×)."]
    big = max(scale, key=lambda r: r["records"]) if scale else None
    trace = (a.work_dir / f"corpus-{big['n']}.trace.json") if big else None
    if trace and trace.exists():
        L += ["", f"Marginal cost per article inside the largest run ({big['records']:,} records), measured over the "
                  "2,048 records before each store size (so without a small run's start-up), and the process's "
                  "memory (RSS) at that point:", "",
              *marginal_table(trace, sorted({n for n in (1000, 10000, 100000, big["records"]) if n <= big["records"]}))]
        L += ["", rss_over_run(trace)]
    if engines:
        base = engines[0]["seconds"] / engines[0]["records"]
        L += ["", "## Engines", "",
              f"The same {engines[0]['records']} articles (full ingest + analysis) through each engine, run one after "
              "another after the phases above. The Ray runs use a cluster started with `ray start` on this machine "
              "(`counterpoint.corpus.localcluster`): the head node alone, then the head and a worker node, one CPU "
              "each. On one machine with 2 cores shared with other users, two nodes are not two machines' worth of "
              "CPU: read the per-article cost. Wall time; peak RSS is the driver process's.", "",
              "| engine | seconds | articles/s | ms per article | speed-up vs 1 process | driver peak RSS MB |",
              "|---|---:|---:|---:|---:|---:|"]
        for r in engines:
            L.append(f"| {r['name']} | {r['seconds']:.1f} | {r['records'] / r['seconds']:.2f} | "
                     f"{r['seconds'] / r['records'] * 1000:.0f} | "
                     f"{base / (r['seconds'] / r['records']):.2f}× | {r['peak_rss_mb']:.0f} |")
        rays = [r for r in engines if r["name"].startswith("Ray cluster")]
        if len(rays) == 2:
            L += ["", f"**Ray 2 nodes / 1 node: {rays[0]['seconds'] / rays[1]['seconds']:.2f}×** "
                      f"({rays[0]['seconds'] / rays[0]['records'] * 1000:.0f} → "
                      f"{rays[1]['seconds'] / rays[1]['records'] * 1000:.0f} ms per article)."]
    L += ["", "## Duplicates and stories against labelled data", "",
          "| records | dedupe P | dedupe P judged | dedupe R | labelled copies | links found | unlabelled links "
          "(of them source-internal) | story P | story R | "
          "event pairs | distractors pulled into event stories | stories | multi-article stories |",
          "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in scale:
        s = r["score"]
        L.append(f"| {r['records']:,} | {s['dedupe_precision']:.3f} | {s['dedupe_precision_judged']:.3f} | "
                 f"{s['dedupe_recall']:.3f} | {s['dedupe_labelled']} "
                 f"| {s['dedupe_found']} | {s['dedupe_unlabelled_count']} ({len(s['dedupe_source_internal'])}) | "
                 f"{s['story_precision']:.3f} | "
                 f"{s['story_recall']:.3f} | {s['story_pairs_true']} | {s['distractors_pulled']} | {s['stories']:,} | "
                 f"{s['multi_stories']:,} |")
    L += ["", "Distractor stories (no event account): sizes, and the share of their member pairs that are related at "
              "all (share a PolNeAR source article); join similarities (threshold "
              f"{_join_threshold()}) and story date spans:", "",
          "| records | size 1 | 2 | 3-5 | 6-10 | >10 | related pairs | event joins: similarity q10 / q50 / q90 | "
          "distractor joins: q10 / q50 / q90 | max / q90 span (days) |",
          "|---:|---:|---:|---:|---:|---:|---:|---|---|---|"]
    for r in scale:
        s, h, ls = r["score"], r["score"]["distractor_sizes"], r["score"]["link_similarity"]
        L.append(f"| {r['records']:,} | {h['1']:,} | {h['2']:,} | {h['3-5']:,} | {h['6-10']:,} | {h['>10']:,} | "
                 f"{s['distractor_pairs_related']:.3f} of {s['distractor_pairs']:,} | "
                 f"{ls['event_joins']} | {ls['distractor_joins']} | "
                 f"{ls['max_span_days']} / {float(ls['span_q90_days'] or 0):.1f} |")
    unl = scale[-1]["score"]["dedupe_unlabelled"] if scale else []
    internal = scale[-1]["score"]["dedupe_source_internal"] if scale else []
    L += ["", "Dedupe P counts every link whose copy is not a bench-made copy as wrong; *P judged* leaves out "
              "links between two source articles, reposts inside the source data that the labels know nothing "
              "of: " + (", ".join(f"{d} → {o}" for d, o in internal) or "none") + ". Other unlabelled links "
              "(recombined articles) at the largest size, first ten: "
              + (", ".join(f"{d} → {o}" for d, o in unl if (d, o) not in set(map(tuple, internal))) or "none") + ".",
          "Story precision: among pairs placed in one story that include an event account, the share where both are "
          "accounts of the same event; recall: the share of same-event account pairs placed in one story.", "",
          "## How the corpora are made", "", __doc__.split("How corpora are made (also written into RESULTS.md):")[1]
          .strip()]
    def drop(lines: list[str], start: str, stop: str) -> list[str]:
        i = next((k for k, x in enumerate(lines) if x.startswith(start)), None)
        j = next((k for k, x in enumerate(lines) if x.startswith(stop)), len(lines))
        return lines if i is None else lines[:i] + lines[j:]
    if partial:
        L = drop(L, "## Throughput", "## Corpus stages")
        L[2] = (L[2].replace(f"--perf {a.perf} ", "").replace(f" --jobs {a.jobs}", "")
                .replace("Measured by `bench/corpus.py", f"Measured by `bench/corpus.py --only {a.only}"))
    if not scale:
        L = drop(drop(L, "## Corpus stages", "## Engines"), "## Duplicates and stories", "## How the corpora")
    out.write_text("\n".join(L) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
