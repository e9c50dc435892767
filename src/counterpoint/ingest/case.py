"""Load a case: a folder with an event.json manifest, or any set of files and folders.

Each file becomes one account (JSONL, JSON lists and WARC files one per article). The text is
decoded, mojibake repaired, boilerplate lines removed (recorded in `Account.removed`), and an
offset map kept from the cleaned text back to the decoded original. Bad inputs become Problems
naming the file: without keep_going the first one raises InputError, with keep_going they are
collected in `Case.problems` and the good accounts still load.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from counterpoint.case import Case
from counterpoint.ingest.boilerplate import remove_boilerplate, shared_furniture_counts, split_lines
from counterpoint.ingest.dates import FULL_DATE, _match_date, infer_from_text, valid_manifest_date
from counterpoint.ingest.decode import repair_mojibake
from counterpoint.ingest.errors import (MAX_ACCOUNTS, MAX_FILE_BYTES, MAX_SYMBOL_RUN, MAX_TEXT_CHARS, MAX_TEXT_TOKENS, BadInput,
                                        InputError)
from counterpoint.ingest.formats import Article, Failure, read_stream
from counterpoint.ingest.language import detect_language
from counterpoint.ingest.offsets import TextBuilder, compose
from counterpoint.ingest.streams import open_regular, parse_json, read_bounded, walk_files
from counterpoint.records import Account, OffsetMap, Problem, RemovedText

MANIFEST = "event.json"
# Files a folder scan passes over: the manifest itself and the hand annotation kept beside cases.
NOT_ACCOUNTS = {MANIFEST, "gold.json"}
_MANIFEST_STRINGS = ("id", "file", "url", "outlet", "side", "kind", "presents", "note")

__all__ = ["InputError", "build_account", "load_case", "MAX_FILE_BYTES", "MAX_ACCOUNTS"]


@dataclass
class _Entry:
    path: Path
    meta: Optional[dict] = None  # the manifest entry, when there is one
    refused: Optional[str] = None  # why a folder scan does not read it (a link leading out, a FIFO ...)


class _Loader:
    def __init__(self, keep_going: bool):
        self.keep_going = keep_going
        self.problems: list[Problem] = []

    def problem(self, where: object, message: str) -> None:
        p = Problem(file=str(where), message=message)
        if not self.keep_going:
            raise InputError(p)
        self.problems.append(p)


def load_case(path: Optional[Path], files: Iterable[Path] = (), keep_going: bool = False) -> Case:
    """Read a case folder and/or files into a Case (accounts with cleaned text and metadata)."""
    loader = _Loader(keep_going)
    case = Case()
    entries: list[_Entry] = []
    if path is not None:
        path = Path(path)
        if not path.exists():
            loader.problem(path, "not found")
        elif path.is_dir() and (path / MANIFEST).is_file():
            entries += _read_manifest(path, case, loader)
        elif path.is_dir():
            entries += _scan(path)
        else:
            entries.append(_Entry(path))
    for f in files:
        f = Path(f)
        if f.is_dir():
            entries += _scan(f)
        else:
            entries.append(_Entry(f))

    loaded: list[tuple[_Entry, Article]] = []
    over_limit = False
    for entry in entries:
        if over_limit:
            break  # the limit was reported once; read no further files
        if entry.refused:
            loader.problem(entry.path, entry.refused)
            continue
        for item in _read_entry(entry, loader):
            if isinstance(item, Failure):
                loader.problem(item.where, item.message)
            elif len(loaded) >= MAX_ACCOUNTS:
                loader.problem(item.where, f"more than {MAX_ACCOUNTS} accounts in the case; this and later "
                                           f"articles were not loaded")
                over_limit = True
                break
            else:
                loaded.append((entry, item))

    furniture = shared_furniture_counts(_repaired(a)[0] for _, a in loaded) if len(loaded) >= 3 else {}
    taken: set[str] = set()
    explicit_ids = _explicit_ids(loaded)
    per_entry = Counter(id(e) for e, _ in loaded)
    for entry, art in loaded:
        account = _build_account(entry, art, per_entry[id(entry)], furniture, explicit_ids, taken, loader)
        if account is not None:
            taken.add(account.id)
            case.accounts.append(account)
    _date_undated_from_case(case.accounts)
    case.problems = loader.problems
    return case


def _date_undated_from_case(accounts: list[Account]) -> None:
    """An account with no date of its own (a readout saying only "today") takes the case's date, read
    from the other accounts: the latest date they were settled to, else the most common full date
    their texts give. It stays marked as inferred from text."""
    undated = [a for a in accounts if not a.published]
    if not undated or len(undated) == len(accounts) and len(accounts) < 2:
        return
    settled = [a.published for a in accounts if a.published]
    case_date = max(settled) if settled else None
    if case_date is None:
        found = Counter(d.isoformat() for a in accounts for m in FULL_DATE.finditer(a.text)
                        for d in [_match_date(m)] if d is not None)
        case_date = found.most_common(1)[0][0] if found else None
    if case_date is None:
        return
    for a in undated:
        a.published, a.published_source = case_date, "text"


# ---------------------------------------------------------------- files and manifest

def _scan(folder: Path) -> list[_Entry]:
    """Every non-hidden file under a folder, in a stable order (a folder's files, then its subfolders).
    Symbolic links leading out of the folder or to a folder, FIFOs, devices and sockets are entries
    refused with the reason (streams.walk_files)."""
    return [_Entry(p, refused=why) for p, why in walk_files(folder, NOT_ACCOUNTS, files_first=True)]


def _read_manifest(folder: Path, case: Case, loader: _Loader) -> list[_Entry]:
    mpath = folder / MANIFEST
    try:
        if not mpath.resolve().is_relative_to(folder.resolve()):
            raise BadInput("a symbolic link leading outside the case folder; not followed")
        manifest = parse_json(read_bounded(mpath, MAX_FILE_BYTES, "manifest").decode("utf-8-sig"))
    except UnicodeDecodeError:
        return _manifest_fallback(folder, loader, mpath, "manifest is not UTF-8 text")
    except BadInput as e:
        return _manifest_fallback(folder, loader, mpath, e.message)
    except (OSError, RuntimeError) as e:
        return _manifest_fallback(folder, loader, mpath, f"cannot read the manifest: {getattr(e, 'strerror', None) or e}")
    if not isinstance(manifest, dict):
        return _manifest_fallback(folder, loader, mpath, "manifest must be a JSON object")
    accounts = manifest.get("accounts")
    if not isinstance(accounts, list):
        return _manifest_fallback(folder, loader, mpath, "manifest has no 'accounts' list")

    for key in ("event_id", "description"):
        if manifest.get(key) is not None and not isinstance(manifest[key], str):
            loader.problem(mpath, f"'{key}' must be a string")
        else:
            setattr(case, key, manifest.get(key))
    date = manifest.get("date")
    if date is not None and not (isinstance(date, str) and valid_manifest_date(date)):
        loader.problem(mpath, f"'date' must be an ISO date (YYYY-MM-DD), got {date!r}")
    else:
        case.date = date
    parties = manifest.get("parties") or {}
    if not isinstance(parties, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(n, str) for n in v)
            for k, v in parties.items()):
        loader.problem(mpath, "'parties' must map each party to a list of names")
    else:
        case.parties = parties

    root = folder.resolve()
    entries, seen_ids = [], {}
    for n, acc in enumerate(accounts, 1):
        label = f"account {n}"
        if not isinstance(acc, dict):
            loader.problem(mpath, f"{label}: must be a JSON object")
            continue
        if isinstance(acc.get("id"), str):
            label = f"account {n} ({acc['id']!r})"
        bad = [k for k in _MANIFEST_STRINGS if acc.get(k) is not None and not isinstance(acc[k], str)]
        if bad:
            loader.problem(mpath, f"{label}: {', '.join(repr(k) for k in bad)} must be a string or null")
            continue
        if not (acc.get("file") or "").strip():
            loader.problem(mpath, f"{label}: no 'file'")
            continue
        if acc.get("id") is not None and not acc["id"].strip():
            loader.problem(mpath, f"{label}: 'id' is empty")
            continue
        published = acc.get("published")
        if published is not None and not (isinstance(published, str) and valid_manifest_date(published)):
            loader.problem(mpath, f"{label}: 'published' must be an ISO date (YYYY-MM-DD) or null, got {published!r}")
            continue
        target = (folder / acc["file"])
        try:
            outside = os.path.isabs(acc["file"]) or not target.resolve().is_relative_to(root)
        except (OSError, RuntimeError):  # a symbolic link loop
            loader.problem(target, f"a symbolic link loop (listed in {MANIFEST} as {label})")
            continue
        if outside:
            loader.problem(mpath, f"{label}: file {acc['file']!r} is outside the case folder")
            continue
        if not target.is_file():
            what = ("is a folder, not a file" if target.is_dir() else
                    "not a regular file" if target.exists() else "not found")
            loader.problem(target, f"{what} (listed in {MANIFEST} as {label})")
            continue
        acc_id = acc.get("id")
        if acc_id is not None:
            if acc_id in seen_ids:
                loader.problem(mpath, f"duplicate account id {acc_id!r} (accounts {seen_ids[acc_id]} and {n})")
                continue
            seen_ids[acc_id] = n
        entries.append(_Entry(target, acc))
    return entries


def _manifest_fallback(folder: Path, loader: _Loader, mpath: Path, message: str) -> list[_Entry]:
    """An unreadable manifest stops the run; with keep_going the folder loads as if it had none."""
    loader.problem(mpath, message)
    return _scan(folder)


def _read_entry(entry: _Entry, loader: _Loader) -> list[Article | Failure]:
    path = entry.path
    try:
        if not path.exists():
            loader.problem(path, "not found")
            return []
        if not path.is_file():
            loader.problem(path, "not a regular file")
            return []
        with open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_FILE_BYTES:
                loader.problem(path, f"file is {size / 2**20:.1f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit per file")
                return []
            return read_stream(path, fh)
    except BadInput as e:
        loader.problem(e.where or path, e.message)
    except PermissionError:
        loader.problem(path, "permission denied")
    except InputError:
        raise
    except Exception as e:  # a reader bug must still leave one line naming the file, never a traceback
        loader.problem(path, f"could not read ({type(e).__name__}: {str(e)[:200]})")
    return []


# ---------------------------------------------------------------- accounts

def _repaired(art: Article) -> tuple[str, list]:
    if art.repaired is None:  # cached: the furniture pass and the account build both need it
        text, runs, _ = repair_mojibake(art.body)
        art.repaired = (text, runs)
    return art.repaired


def _explicit_ids(loaded: list[tuple[_Entry, Article]]) -> set[str]:
    """Ids the input states (manifest or JSONL); ids derived from file names give way to them."""
    return {(e.meta or {}).get("id") or a.id_hint for e, a in loaded if (e.meta or {}).get("id") or a.id_hint}


_ID_CHARS = re.compile(r"[^\w.\-]+")
_POSITION = re.compile(r"[:#\[](\d+)\]?$")  # file.jsonl:12, file.warc#3, file.json[2]


def _derive_id(entry: _Entry, art: Article, siblings: int) -> str:
    """Manifest id, else the article's own id (JSONL), else the file name; articles sharing one
    file get their line or record number appended."""
    meta_id = (entry.meta or {}).get("id")
    if not meta_id and art.id_hint:
        return art.id_hint
    base = meta_id or _ID_CHARS.sub("_", entry.path.name.split(".")[0]).strip("_") or "account"
    position = _POSITION.search(art.where)
    if siblings > 1 and position:
        return f"{base}-{position.group(1)}"
    return base


def _build_account(entry: _Entry, art: Article, siblings: int, furniture: dict, explicit_ids: set[str],
                   taken: set[str], loader: _Loader) -> Optional[Account]:
    meta = entry.meta or {}
    acc_id = _derive_id(entry, art, siblings)
    explicit = bool(meta.get("id") or art.id_hint)
    if acc_id in taken or (not explicit and acc_id in explicit_ids):
        if explicit:
            loader.problem(art.where, f"duplicate account id {acc_id!r}")
            return None
        n = 2  # ids derived from file names are made unique, not refused
        while f"{acc_id}-{n}" in taken or f"{acc_id}-{n}" in explicit_ids:
            n += 1
        acc_id = f"{acc_id}-{n}"

    try:
        return build_account(art, acc_id, meta, furniture)
    except BadInput as e:
        loader.problem(e.where or art.where, e.message)
        return None


def build_account(art: Article, acc_id: str, meta: Optional[dict] = None,
                  furniture: Optional[dict[str, int]] = None) -> Account:
    """One article -> Account: mojibake repaired, boilerplate removed (and recorded), offsets mapped
    back to the decoded original, published date and language settled. `meta` is a manifest entry
    (its fields win); `furniture` counts edge lines shared across accounts (see boilerplate).
    Raises BadInput when nothing is left after cleaning."""
    meta = meta or {}
    text1, runs1 = _repaired(art)
    cleaned = remove_boilerplate(text1, furniture)
    if not cleaned.text.strip():
        raise BadInput("no text left after removing boilerplate", art.where)
    body_map, original_map = OffsetMap(runs=runs1), OffsetMap(runs=art.runs)
    removed = []
    for start, end, text, reason in cleaned.removed:
        s, e = body_map.to_source(start), body_map.to_source(end)
        removed.append(RemovedText(text=text, reason=reason,
                                   source_start=original_map.to_source(s) if s is not None else None,
                                   source_end=original_map.to_source(e) if e is not None else None))

    text, offset_map = cleaned.text, OffsetMap(runs=compose(compose(cleaned.runs, runs1), art.runs))
    if _SYMBOL_RUN.search(text):
        text, offset_map, cut = _cut_symbol_runs(text, offset_map)
        removed.extend(cut)
    if _SPACED_SYMBOLS.search(text):
        text, offset_map, cut = _cut_symbol_runs(
            text, offset_map, _SPACED_SYMBOLS,
            f"a run of more than {MAX_SYMBOL_RUN} punctuation or symbol marks with only spaces between them")
        removed.extend(cut)
    if len(text) > MAX_TEXT_CHARS:
        text, offset_map, tail = _cut_to_limit(text, offset_map)
        removed.append(tail)
    token_limit = _token_limit(text)
    if token_limit is not None:
        text, offset_map, tail = _cut_to_limit(
            text, offset_map, token_limit,
            f"over the limit of {MAX_TEXT_TOKENS:,} words and marks analysed per account")
        removed.append(tail)

    published, published_source = meta.get("published"), "manifest"
    if not published:
        published, published_source = art.published, art.published_source
    if not published:
        published = infer_from_text(cleaned.text)
        published_source = "text" if published else "none"

    return Account(
        id=acc_id, file=art.where, format=art.format,
        outlet=meta.get("outlet") or art.outlet, url=meta.get("url") or art.url,
        title=art.title or _title_line(cleaned.text),
        published=published, published_source=published_source,
        side=meta.get("side") or art.extra.get("side") or "press",
        kind=meta.get("kind") or art.extra.get("kind") or "news report",
        presents=meta.get("presents") or art.extra.get("presents"),
        note=meta.get("note") or art.extra.get("note"),
        language=art.language or detect_language(cleaned.text), encoding=art.encoding,
        text=text, offset_map=offset_map, removed=removed, parts=art.parts,
    )


_SYMBOL_RUN = re.compile(r"[^\w\s]{%d,}" % (MAX_SYMBOL_RUN + 1))
# more than MAX_SYMBOL_RUN marks with only spaces between them ('& & & ...', as 10^6 `&amp; ` in
# a page decode): each is a token, and the parser's memory follows tokens (1.4 GB)
_SPACED_SYMBOLS = re.compile(r"(?:[^\w\s]+\s+){%d,}[^\w\s]+" % MAX_SYMBOL_RUN)
_TOKEN = re.compile(r"\w+|[^\w\s]")


def _token_limit(text: str) -> Optional[int]:
    """The offset where the MAX_TEXT_TOKENS-th word or mark ends, when the text has more."""
    if len(text) <= MAX_TEXT_TOKENS:
        return None
    for k, m in enumerate(_TOKEN.finditer(text), 1):
        if k > MAX_TEXT_TOKENS:
            return m.start()
    return None


def _cut_symbol_runs(text: str, offset_map: OffsetMap, pattern: re.Pattern = _SYMBOL_RUN,
                     reason: str = f"a run of more than {MAX_SYMBOL_RUN} punctuation or symbol characters",
                     ) -> tuple[str, OffsetMap, list[RemovedText]]:
    """Keep the first MAX_SYMBOL_RUN characters of each longer run of punctuation and symbols (each
    match of `pattern`); the rest of the run becomes a RemovedText. What is kept is a verbatim copy,
    mapped as before."""
    builder, removed, pos = TextBuilder(text), [], 0
    for m in pattern.finditer(text):
        cut = m.start() + MAX_SYMBOL_RUN
        builder.keep(pos, cut)
        removed.append(RemovedText(text=text[cut:m.end()],
                                   reason=reason,
                                   source_start=offset_map.to_source(cut), source_end=offset_map.to_source(m.end())))
        pos = m.end()
    builder.keep(pos, len(text))
    return builder.text(), OffsetMap(runs=compose(builder.runs, offset_map.runs)), removed


def _cut_to_limit(text: str, offset_map: OffsetMap, limit: int = MAX_TEXT_CHARS,
                  reason: str = f"over the limit of {MAX_TEXT_CHARS:,} characters analysed per account",
                  ) -> tuple[str, OffsetMap, RemovedText]:
    """Keep the first `limit` characters, cut at the last line (else word) break in the last
    fifth of the limit; the rest becomes one RemovedText. Offsets of what is kept do not change."""
    floor = limit * 4 // 5
    cut = text.rfind("\n", floor, limit)
    if cut < 0:
        cut = text.rfind(" ", floor, limit)
    if cut < 0:
        cut = limit
    tail = RemovedText(text=text[cut:], reason=reason,
                       source_start=offset_map.to_source(cut), source_end=offset_map.to_source(len(text)))
    runs = [(c, s, min(n, cut - c)) for c, s, n in offset_map.runs if c < cut]
    return text[:cut], OffsetMap(runs=runs), tail


def _title_line(text: str) -> Optional[str]:
    """The first line, when it has the shape of a headline (5-25 words, no closing full stop, no byline)."""
    for ln in split_lines(text):
        if ln.blank:
            continue
        words = len(ln.words)
        t = ln.text
        if 5 <= words <= 25 and not t.endswith((".", ":", ";", ",")) and not t.lower().startswith("by "):
            return t
        return None
    return None
