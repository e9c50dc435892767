"""What every input path shares below the formats: walking a folder without leaving it, opening only
regular files, bounded reads and bounded-depth JSON. Used by `compare` (ingest/case.py) and by
`corpus ingest` (corpus/sources.py); bad input is a BadInput (or a message) naming the problem."""
from __future__ import annotations

import json
import os
import re
import stat
from array import array
from itertools import accumulate
from pathlib import Path
from typing import BinaryIO, Iterator, Optional

from counterpoint.ingest.errors import MAX_JSON_DEPTH, BadInput

_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def _not_regular(mode: int) -> Optional[str]:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a plain file")
    return f"not a regular file ({kind}); not read"


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for binary reading; anything else (FIFO, device, socket, folder) is a
    BadInput. Opened non-blocking and checked again on the descriptor, so a FIFO cannot hang the
    read and a file swapped for a device after the first check is still refused."""
    problem = _not_regular(os.stat(path).st_mode)
    if problem:
        raise BadInput(problem)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        problem = _not_regular(os.fstat(fd).st_mode)
        if problem:
            raise BadInput(problem)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: Path, limit: int, what: str = "file") -> bytes:
    """The whole of a regular file, refused (BadInput) when it holds more than `limit` bytes; never
    reads more than limit + 1 bytes, whatever the file claims its size is."""
    with open_regular(path) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise BadInput(f"{what} over the {limit // 2**20} MB limit")
    return data


# ---------------------------------------------------------------- folders

def walk_files(folder: Path, skip: frozenset[str] | set[str] = frozenset(),
               files_first: bool = False) -> Iterator[tuple[Path, Optional[str]]]:
    """Every file under `folder` as (path, None), or (path, problem) for what is not read: a symbolic
    link that leads outside the folder, a link to a folder (never followed, so `-> .` cannot loop),
    a broken or looping link, a FIFO, device or socket. Hidden names and the names in `skip` are
    passed over. Name order; with `files_first` a folder's files come before its subfolders (as
    os.walk gives them), else files and folders are interleaved by name."""
    root = Path(folder).resolve()
    yield from _walk(Path(folder), root, skip, files_first)


def _walk(folder: Path, root: Path, skip, files_first: bool) -> Iterator[tuple[Path, Optional[str]]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        yield folder, f"cannot read the folder: {e.strerror or e}"
        return
    files, dirs = [], []  # files: (entry, is_dir) in the order they are read
    for e in entries:
        if e.name.startswith(".") or e.name in skip:
            continue
        try:
            is_dir = e.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir and files_first:
            dirs.append(e)
        else:
            files.append((e, is_dir))
    for e, is_dir in files:
        if is_dir:
            yield from _walk(Path(e.path), root, skip, files_first)
        else:
            yield Path(e.path), _file_problem(Path(e.path), root)
    for e in dirs:
        yield from _walk(Path(e.path), root, skip, files_first)


def _file_problem(path: Path, root: Path) -> Optional[str]:
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            try:
                target = path.resolve(strict=True)
            except RuntimeError:
                return "a symbolic link loop; not followed"
            except OSError:
                return "a broken symbolic link (its target does not exist)"
            if not target.is_relative_to(root):
                return "a symbolic link leading outside the folder; not followed"
            st = os.stat(target)
            if stat.S_ISDIR(st.st_mode):
                return "a symbolic link to a folder; not followed"
        return _not_regular(st.st_mode)
    except OSError as e:
        return f"cannot read: {e.strerror or e}"


# ---------------------------------------------------------------- JSON

# A JSON string, or an unterminated one with the rest of the text (a JSON parser stops there too).
_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|"[\s\S]*')
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
_BRACKET_STEP = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")


def json_too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether arrays and objects nest deeper than `limit` outside strings. Linear time (one regular
    expression pass and one C-level running sum), so it costs nothing next to the parse it guards."""
    if text.count("[") + text.count("{") <= limit:
        return False  # the common case: too few brackets in all to nest that deep
    bare = _STRINGS.sub("", text).encode("utf-8", "surrogatepass")
    steps = array("b", bare.translate(_BRACKET_STEP, _NOT_BRACKET))
    return max(accumulate(steps), default=0) > limit


def parse_json(text: str, limit: int = MAX_JSON_DEPTH, lines: bool = True) -> object:
    """json.loads with the nesting bounded: every failure is a BadInput with a one-line message
    ("invalid JSON (...)"), never a RecursionError or a traceback."""
    if json_too_deep(text, limit):
        raise BadInput(f"invalid JSON (nesting deeper than {limit} levels)")
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        where = f"line {e.lineno} column {e.colno}" if lines else f"column {e.colno}"
        raise BadInput(f"invalid JSON ({e.msg} at {where})") from None
    except RecursionError:  # not reached within the depth bound; kept as a last guard
        raise BadInput(f"invalid JSON (nesting deeper than {limit} levels)") from None
