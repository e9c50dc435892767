"""Which files the web app may read: only those inside the folders it was started with.

A requested path is resolved (symlinks followed) and must land inside a root; `..` components
are refused outright. A case folder is checked as a whole before anything reads it: every file
the loader would scan and every file the manifest names must also resolve inside a root, so a
symlink or a manifest entry cannot lead out of the roots.
"""
from __future__ import annotations

import os
from pathlib import Path, PurePath
from typing import Iterable, Optional

from counterpoint import settings
from counterpoint.ingest.errors import BadInput
from counterpoint.ingest.streams import parse_json
from counterpoint.server.errors import Refused

MANIFEST = "event.json"


def resolve_roots(folders: Iterable[Path]) -> list[Path]:
    roots = []
    for folder in folders:
        real = Path(folder).expanduser().resolve()
        if not real.is_dir():
            raise Refused(400, f"{folder}: not a folder")
        roots.append(real)
    return roots


def _inside(path: Optional[Path], roots: list[Path]) -> Optional[Path]:
    if path is None:
        return None
    for root in roots:
        if path == root or path.is_relative_to(root):
            return root
    return None


def resolve_case_folder(requested: str, roots: list[Path]) -> Path:
    """The real case folder for a path given by a client (absolute, or relative to a root)."""
    if not roots:
        raise Refused(403, "this server was started without case folders; upload files or paste texts instead")
    if not requested or "\x00" in requested:
        raise Refused(400, "give the path of a case folder")
    pure = PurePath(requested)
    if ".." in pure.parts:
        raise Refused(403, f"{requested}: '..' is not allowed in paths")
    candidates = [Path(pure)] if pure.is_absolute() else [root / pure for root in roots]
    for candidate in candidates:
        try:
            real = candidate.resolve(strict=True)
        except (FileNotFoundError, NotADirectoryError, RuntimeError, OSError):
            continue
        if _inside(real, roots) is None:
            raise Refused(403, f"{requested}: outside the folders this server may read")
        if not real.is_dir():
            raise Refused(400, f"{requested}: not a folder")
        check_case_files(real, roots)
        return real
    raise Refused(404, f"{requested}: no such case folder")


def _resolved(path: Path) -> Optional[Path]:
    """The real path, or None for a symlink loop (pathlib raises RuntimeError; _inside(None) refuses)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return None


def check_case_files(folder: Path, roots: list[Path]) -> None:
    """Refuse a case whose files (scanned or named by its manifest) lead outside the roots."""
    for base, dirs, names in os.walk(folder):
        for name in dirs + names:
            if name.startswith("."):
                continue
            entry = Path(base) / name
            if _inside(_resolved(entry), roots) is None:
                raise Refused(403, f"{entry.relative_to(folder)}: links outside the folders this server may read")
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return
    try:
        data = parse_json(manifest.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, BadInput, OSError):
        return  # the loader reports a broken manifest as a problem and falls back to scanning
    accounts = data.get("accounts") if isinstance(data, dict) else None
    for entry in accounts if isinstance(accounts, list) else []:
        name = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(name, str):
            continue
        target = PurePath(name)
        if target.is_absolute() or ".." in target.parts or _inside(_resolved(folder / target), roots) is None:
            raise Refused(403, f"{MANIFEST}: account file {name!r} is outside the folders this server may read")


def list_cases(roots: list[Path], limit: int = settings.SERVER_LISTED_CASES) -> list[tuple[str, Path]]:
    """Case folders directly under each root (and the roots themselves if they are cases), for the index page."""
    found: list[tuple[str, Path]] = []
    for root in roots:
        children = [root] + sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
        for folder in children:
            real = folder.resolve()
            if _inside(real, roots) is None:
                continue
            if (folder / MANIFEST).is_file() or any(f.is_file() and not f.name.startswith(".") for f in folder.iterdir()):
                label = folder.name if folder != root else f"{root.name} (root)"
                found.append((label, real))
            if len(found) >= limit:
                return found
    return found
