"""The Python API, a face like the CLI: parses its arguments, calls the stages, owns no logic.

    import counterpoint
    report = counterpoint.compare(["readout.txt", "report.pdf"], parties={"Norland": ["Ilse Varga"]})
    for claim in report.claims:
        print(claim.status, claim.speaker, claim.text, claim.evidence[0].account, claim.evidence[0].start)

Bad input raises one exception per kind (`counterpoint.errors`), whose message is the line the CLI
prints; never a traceback from inside.
"""
from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Optional, Union

from counterpoint import settings
from counterpoint.case import Case
from counterpoint.errors import (AnalysisError, BadInputError, CounterpointError, InvalidArgumentError, bad,
                                 from_input_error)
from counterpoint.ingest.errors import BadInput, InputError
from counterpoint.records import Problem, Report

PathOrText = Union[str, os.PathLike]
Inputs = Union[PathOrText, Iterable[PathOrText], Mapping[str, str]]

# A string is taken as a path when it could be one: a single line, not too long, naming an existing
# file or folder, or shaped like a file name (an extension or a separator) — then a missing one is
# NotFoundError rather than a one-line "text".
_MAX_PATH_CHARS = settings.API_PATH_CHARS


def load_case(path: Optional[PathOrText] = None, files: Iterable[PathOrText] = (), *,
              keep_going: bool = False) -> Case:
    """Read a case folder (with or without event.json) and/or files into a Case: accounts with their
    cleaned text, offset maps and metadata. Raises a BadInputError subclass on the first bad input,
    or with keep_going lists every problem in `Case.problems` and loads the good accounts."""
    from counterpoint.ingest import load_case as _load

    try:
        return _load(Path(path) if path is not None else None, [Path(f) for f in files], keep_going=keep_going)
    except InputError as e:
        raise from_input_error(e) from None
    except (TypeError, ValueError) as e:
        raise InvalidArgumentError(f"bad path argument: {e}") from None


def compare(inputs: Inputs, *, parties: Optional[Mapping[str, Iterable[str]]] = None,
            event_date: Union[str, _dt.date, None] = None, keep_going: bool = False,
            topics: Optional[PathOrText] = None) -> Report:
    """Compare several accounts of one event and return the Report (quotes, claims with status,
    figures, timeline, with provenance: account id and offsets into each account's cleaned text).

    `inputs` is a case folder, a file, a text, or a list mixing paths and texts (a string with a line
    break, or one that names no file, is a text), or a mapping {account id: text}. `parties` maps each
    party to the names that speak for it (else they come from the manifest or the knowledge base);
    `event_date` (ISO date) sets the case's date. `topics` is a YAML file of topics (label -> terms).
    """
    case = _case_of(inputs, keep_going)
    if parties is not None:
        case.parties = _parties(parties)
    if event_date is not None:
        case.date = _date(event_date)
    if not case.accounts:
        raise bad("input", "no readable accounts in the input", BadInputError)
    topics_path = Path(topics) if topics is not None else None
    if topics_path is not None:
        from counterpoint.compare.topics import load_topics_file
        try:
            load_topics_file(topics_path)
        except InputError as e:
            raise from_input_error(e) from None
    from counterpoint.run import compare_case

    try:
        return compare_case(case, topics_file=topics_path)
    except CounterpointError:
        raise
    except InputError as e:
        raise from_input_error(e) from None
    except Exception as e:  # noqa: BLE001 - a defect of ours: one line, never a traceback from inside
        raise AnalysisError(f"comparing the case failed ({type(e).__name__}: {e}); "
                            f"please report this with the input") from None


# ---------------------------------------------------------------- arguments

def _case_of(inputs: Inputs, keep_going: bool) -> Case:
    if isinstance(inputs, Mapping):
        texts = [(str(k), v) for k, v in inputs.items()]
        paths: list[Path] = []
    else:
        items = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(_iterable(inputs))
        texts, paths = [], []
        for n, item in enumerate(items, 1):
            if isinstance(item, os.PathLike):
                paths.append(Path(item))
            elif isinstance(item, str):
                if _is_path(item):
                    paths.append(Path(item))
                else:
                    texts.append((f"text-{n}", item))
            else:
                raise InvalidArgumentError(f"input {n}: expected a path or a text, got {type(item).__name__}")
    if not paths and not texts:
        raise InvalidArgumentError("no inputs: give a case folder, files or texts")
    folder = paths[0] if paths and paths[0].is_dir() else None
    case = load_case(folder, paths[1:] if folder is not None else paths, keep_going=keep_going) if paths else Case()
    _add_texts(case, texts, keep_going)
    return case


def _iterable(x: object) -> Iterable:
    try:
        return iter(x)  # type: ignore[call-overload]
    except TypeError:
        raise InvalidArgumentError(f"inputs: expected paths or texts, got {type(x).__name__}") from None


def _is_path(s: str) -> bool:
    if "\n" in s or len(s) > _MAX_PATH_CHARS or not s.strip():
        return False
    if os.path.exists(s):
        return True
    # shaped like a file name (no spaces in the last part, an extension or a separator): a missing file
    last = s.rstrip("/\\").replace("\\", "/").rsplit("/", 1)[-1]
    return " " not in last and ("/" in s or "\\" in s or "." in last.strip("."))


def _add_texts(case: Case, texts: list[tuple[str, str]], keep_going: bool) -> None:
    from counterpoint.ingest import build_account
    from counterpoint.ingest.formats import Article
    from counterpoint.ingest.offsets import identity

    taken = {a.id for a in case.accounts}
    for acc_id, text in texts:
        try:
            if not isinstance(text, str):
                raise InvalidArgumentError(f"{acc_id}: a text must be a string, got {type(text).__name__}")
            if acc_id in taken:
                raise BadInput(f"duplicate account id {acc_id!r}")
            if not text.strip():
                raise BadInput("empty text (only whitespace)")
            art = Article(where=acc_id, format="text", original=text, body=text, runs=identity(len(text)))
            account = build_account(art, acc_id)
        except BadInput as e:
            err = bad(e.where or acc_id, e.message)
            if not keep_going:
                raise err from None
            case.problems.append(err.problem)
            continue
        taken.add(account.id)
        case.accounts.append(account)


def _parties(parties: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    if not isinstance(parties, Mapping):
        raise InvalidArgumentError("parties: expected a mapping of party -> list of names")
    out: dict[str, list[str]] = {}
    for k, names in parties.items():
        if not isinstance(k, str) or isinstance(names, str) or not all(isinstance(n, str) for n in names):
            raise InvalidArgumentError(f"parties: {k!r} must map to a list of names (strings)")
        out[k] = list(names)
    return out


def _date(d: Union[str, _dt.date]) -> str:
    if isinstance(d, _dt.date):
        return d.isoformat()[:10]
    try:
        return _dt.date.fromisoformat(str(d)).isoformat()
    except ValueError:
        raise InvalidArgumentError(f"event_date must be an ISO date (YYYY-MM-DD), got {d!r}") from None


__all__ = ["compare", "load_case", "Case", "Report", "Problem"]
