"""Incremental story grouping: each new article joins the most similar story of its time window, or
starts one. Candidate stories come from an inverted index of the article's rare keys (named actors and
places, distinctive content terms) restricted to the time window and capped per key, so the cost of one
article does not grow with the corpus; only the few candidates retrieved are scored."""
from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Optional

from counterpoint import settings
from counterpoint.corpus import store

WINDOW_DAYS = 4  # accounts of one event appear within a few days of it
DF_CAP = settings.CORPUS_DF_CAP  # keys in more articles than this identify no event: not used for retrieval
CANDIDATES = settings.CORPUS_CANDIDATES  # stories scored per article
INDEX_TERMS = settings.CORPUS_INDEX_TERMS  # content terms indexed per article (besides its entity keys)
PROFILE_TERMS = settings.CORPUS_PROFILE_TERMS  # weights kept in a story's profile
JOIN_SIMILARITY = 0.22  # cosine between an article and a story profile needed to join it
ENTITY_WEIGHT = 2.0  # shared named actors and places count more than shared words
CONFLICT_DAYS = 2  # an article naming this many calendar days, none in a story's window, cannot join it


@dataclass
class StoryState:
    id: int
    title: Optional[str]
    first: Optional[date]
    last: Optional[date]
    size: int
    similarity_sum: float
    profile: dict[str, float]
    dirty: bool = False


@dataclass
class NewArticle:
    article_id: str
    seq: int
    published: Optional[date]
    title: Optional[str]
    entity_keys: dict[str, int]
    terms: dict[str, int]
    # Days the text names ("March 18", "Tuesday" resolved against the published date), each with whether
    # its year was written out: what the article says happened when (see `dates_agree`).
    dates: list[tuple[date, bool]] = field(default_factory=list)


@dataclass
class Assignment:
    story_id: int
    similarity: Optional[float]  # None for the article that founded the story
    keys: list[str] = field(default_factory=list)


def _norm(v: dict[str, float]) -> float:
    return math.sqrt(sum(x * x for x in v.values())) or 1.0


def _within(d: Optional[date], first: Optional[date], last: Optional[date]) -> bool:
    if d is None or first is None or last is None:
        return True
    return first - timedelta(days=WINDOW_DAYS) <= d <= last + timedelta(days=WINDOW_DAYS)


def dates_agree(named: list[tuple[date, bool]], first: Optional[date], last: Optional[date],
                conflict_days: Optional[int] = None) -> bool:
    """Whether an article can be an account of a story of these dates, by the calendar days it names: it
    cannot when it names CONFLICT_DAYS or more days and none falls in the story's window (it reports what
    happened on other days: another event, or none). One day outside the window is background ("since the
    inauguration on Jan. 20"), not a conflict. A day whose year the text does not write out is compared by
    month and day. An article that names no day, or a story with no date, agrees with anything.
    `conflict_days` replaces CONFLICT_DAYS (1 for an undated article: its named days are its only dates)."""
    if len(named) < (conflict_days or CONFLICT_DAYS) or first is None or last is None:
        return True
    lo, hi = first - timedelta(days=WINDOW_DAYS), last + timedelta(days=WINDOW_DAYS)
    for d, explicit_year in named:
        if explicit_year:
            if lo <= d <= hi:
                return True
            continue
        for y in {lo.year, hi.year}:
            try:
                dd = d.replace(year=y)
            except ValueError:  # 29 February
                continue
            if lo <= dd <= hi:
                return True
    return False


class StoryGrouper:
    """Groups one batch of new articles, in order, against the stored stories and each other."""

    def __init__(self, con):
        self.con = con

    def assign(self, articles: list[NewArticle]) -> tuple[list[Assignment], list[StoryState], dict[str, int]]:
        """Returns each article's assignment, the stories created or changed, and the df increments."""
        con = self.con
        if not articles:
            return [], [], {}
        n_stored = store.count(con, "articles")
        next_id = (con.execute("SELECT coalesce(max(id), 0) FROM stories").fetchall()[0][0] or 0) + 1
        all_keys = sorted({k for a in articles for k in list(a.terms) + list(a.entity_keys)})
        stored_df = dict(store.with_rows(con, "_keys", ["key"], [(k,) for k in all_keys],
                                         "SELECT d.key, d.df FROM key_df d JOIN _keys USING (key)"))
        # Provisional index keys per article (with the df known at batch start) for one batched look-up.
        q_rows = []
        for i, a in enumerate(articles):
            for k in self._index_keys(a, lambda k: stored_df.get(k, 0), n_stored):
                q_rows.append((i, k, a.published))
        prefetched: dict[int, list[int]] = defaultdict(list)
        # The batch's whole time window as a constant filter too: DuckDB pushes it into the scan of
        # `story_keys`, whose row-group min/max dates then skip the blocks of other weeks. A news stream
        # arrives roughly in publication order, so the scan stays near the recent end of the store.
        pubs = [a.published for a in articles]
        window = ""
        if pubs and all(pubs):
            lo = min(pubs) - timedelta(days=WINDOW_DAYS)
            hi = max(pubs) + timedelta(days=WINDOW_DAYS)
            window = f"AND (s.published IS NULL OR s.published BETWEEN DATE '{lo.isoformat()}' AND DATE '{hi.isoformat()}')"
        # `q.pub` is cast: in a batch of undated articles only, pyarrow types the column as NULL and
        # `NULL - INTERVAL` has no overload (a Binder Error that failed every such batch).
        sql = f"""
            WITH hits AS (
                SELECT q.qid, s.story_id, sum(ln(({n_stored} + 1.0) / (d.df + 1.0))) AS score
                FROM _q q JOIN key_df d ON d.key = q.key AND d.df <= {DF_CAP}
                          JOIN story_keys s ON s.key = q.key
                WHERE (q.pub IS NULL OR s.published IS NULL
                       OR s.published BETWEEN CAST(q.pub AS DATE) - INTERVAL {WINDOW_DAYS} DAY
                                          AND CAST(q.pub AS DATE) + INTERVAL {WINDOW_DAYS} DAY)
                {window}
                GROUP BY q.qid, s.story_id)
            SELECT qid, story_id FROM hits
            QUALIFY row_number() OVER (PARTITION BY qid ORDER BY score DESC, story_id) <= {CANDIDATES}
            ORDER BY qid, story_id"""
        for qid, sid in store.with_rows(con, "_q", ["qid", "key", "pub"], q_rows, sql):
            prefetched[qid].append(sid)
        states: dict[int, StoryState] = {}
        wanted = sorted({s for v in prefetched.values() for s in v})
        for row in store.with_rows(con, "_ids", ["id"], [(s,) for s in wanted],
                                   "SELECT id, title, first_published, last_published, size, similarity_sum, profile "
                                   "FROM stories JOIN _ids USING (id)"):
            states[row[0]] = StoryState(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]))

        df_inc: dict[str, int] = defaultdict(int)
        batch_postings: dict[str, list[tuple[int, Optional[date]]]] = defaultdict(list)
        out: list[Assignment] = []
        for i, a in enumerate(articles):
            n = n_stored + i
            df = lambda k: stored_df.get(k, 0) + df_inc.get(k, 0)  # noqa: E731
            vec = self._vector(a, df, n)
            keys = self._index_keys(a, df, n)
            # Candidates: the stored ones found by the index, plus stories made or fed in this batch.
            cand_scores: dict[int, float] = {sid: 0.0 for sid in prefetched.get(i, [])}
            for k in keys:
                if df(k) > DF_CAP:
                    continue
                for sid, pub in batch_postings.get(k, ()):
                    if a.published is None or pub is None or abs((a.published - pub).days) <= WINDOW_DAYS:
                        cand_scores[sid] = cand_scores.get(sid, 0.0) + math.log((n + 1.0) / (df(k) + 1.0))
            best, best_sim = None, 0.0
            for sid in sorted(cand_scores):
                st = states[sid]
                # Same window, and no contradiction on what happened when: an article whose named days
                # all lie outside the story's window reports another event (or none), whatever its topic.
                if not _within(a.published, st.first, st.last) or not dates_agree(
                        a.dates, st.first, st.last, 1 if a.published is None else CONFLICT_DAYS):
                    continue
                sim = sum(w * st.profile.get(t, 0.0) for t, w in vec.items()) / _norm(st.profile)
                if sim > best_sim or (sim == best_sim and best is not None and sid < best):
                    best, best_sim = sid, sim
            if best is not None and best_sim >= JOIN_SIMILARITY:
                st, sim = states[best], round(best_sim, 6)
                st.size += 1
                st.similarity_sum += sim
                prof = dict(st.profile)
                for t, w in vec.items():
                    prof[t] = prof.get(t, 0.0) + w
                st.profile = _top(prof, PROFILE_TERMS)
                if a.published:
                    st.first = min(st.first, a.published) if st.first else a.published
                    st.last = max(st.last, a.published) if st.last else a.published
                st.dirty = True
            else:
                st = StoryState(next_id, a.title, a.published, a.published, 1, 0.0, _top(vec, PROFILE_TERMS), True)
                states[next_id] = st
                next_id += 1
                sim = None
            out.append(Assignment(st.id, sim, keys))
            for k in keys:
                batch_postings[k].append((st.id, a.published))
            for k in set(a.terms) | set(a.entity_keys):
                df_inc[k] += 1
        return out, [s for s in states.values() if s.dirty], dict(df_inc)

    @staticmethod
    def _vector(a: NewArticle, df, n: int) -> dict[str, float]:
        """TF-IDF over content terms and entity keys (entities weighted up), L2-normalized, top terms."""
        v: dict[str, float] = {}
        for t, c in a.terms.items():
            v[t] = (1 + math.log(c)) * math.log((n + 1.0) / (df(t) + 1.0) + 1.0)
        for k, c in a.entity_keys.items():
            v[k] = ENTITY_WEIGHT * (1 + math.log(c)) * math.log((n + 1.0) / (df(k) + 1.0) + 1.0)
        v = _top(v, PROFILE_TERMS)
        norm = _norm(v)
        return {t: round(w / norm, 6) for t, w in v.items()}

    @staticmethod
    def _index_keys(a: NewArticle, df, n: int) -> list[str]:
        idf = lambda k: math.log((n + 1.0) / (df(k) + 1.0) + 1.0)  # noqa: E731
        terms = sorted(a.terms, key=lambda t: (-(1 + math.log(a.terms[t])) * idf(t), t))[:INDEX_TERMS]
        return sorted(set(a.entity_keys) | set(terms))


def _top(v: dict[str, float], k: int) -> dict[str, float]:
    return dict(sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))[:k])


def write(con, changed: list[StoryState], df_inc: dict[str, int]) -> None:
    """Persist changed stories and document frequencies (inside the caller's transaction)."""
    if changed:
        ids = [(s.id,) for s in changed]
        store.with_rows(con, "_ids", ["id"], ids, "DELETE FROM stories WHERE id IN (SELECT id FROM _ids)")
        rows = [(s.id, s.title, s.first.isoformat() if s.first else None, s.last.isoformat() if s.last else None,
                 s.size, s.similarity_sum, json.dumps(s.profile, sort_keys=True)) for s in sorted(changed, key=lambda s: s.id)]
        con.register("_stories", store.arrow_table(["id", "title", "first", "last", "size", "sim", "profile"], rows))
        try:
            con.execute("INSERT INTO stories SELECT id, title, first, last, size, sim, profile FROM _stories").fetchall()
        finally:
            con.unregister("_stories")
    if df_inc:
        rows = sorted(df_inc.items())
        con.register("_df", store.arrow_table(["key", "df"], rows))
        try:
            con.execute("UPDATE key_df SET df = key_df.df + b.df FROM _df b WHERE key_df.key = b.key").fetchall()
            con.execute("INSERT INTO key_df SELECT b.key, b.df FROM _df b ANTI JOIN key_df d ON d.key = b.key").fetchall()
        finally:
            con.unregister("_df")
