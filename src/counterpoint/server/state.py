"""What one app holds between requests: its folders, the reports it keeps, the caches and their locks.

`create_app` builds one AppState and stores it on `app.state.counterpoint`; the route modules
read it with `app_state(request)`.
"""
from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from fastapi import Request

from counterpoint import settings
from counterpoint.case import Case
from counterpoint.records import Report
from counterpoint.server import uploads
from counterpoint.server.errors import Refused


@dataclass
class Stored:
    report: Report
    label: str
    # Rendered once per format: drawing a large report's page costs far more than keeping its bytes.
    pages: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class KeyedLocks:
    """One lock per key (a case folder, a rendered page), dropped when nobody holds or waits for it:
    the first request for a key does the work, the ones that arrive meanwhile wait for its result."""

    def __init__(self):
        self._locks: dict = {}
        self._guard = threading.Lock()

    @contextmanager
    def hold(self, key):
        with self._guard:
            entry = self._locks.get(key)
            if entry is None:
                entry = self._locks[key] = [threading.Lock(), 0]
            entry[1] += 1
        try:
            with entry[0]:
                yield
        finally:
            with self._guard:
                entry[1] -= 1
                if entry[1] == 0:
                    del self._locks[key]

    def __len__(self) -> int:
        with self._guard:
            return len(self._locks)


class ReportStore:
    """Recent reports by unguessable token, oldest dropped first."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[str, Stored] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, report: Report, label: str) -> str:
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._items[token] = Stored(report, label)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return token

    def get(self, token: str) -> Optional[Stored]:
        with self._lock:
            return self._items.get(token)


class LockedCache:
    """Values by key, computed once: concurrent first requests for one `owner` (a case folder, a page)
    wait for the one computing it; the least recently added is dropped past `size`."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._guard = threading.Lock()
        self.locks = KeyedLocks()

    def get(self, key):
        with self._guard:
            return self._items.get(key)

    def get_or_compute(self, key, compute: Callable, owner=None):
        value = self.get(key)
        if value is not None:
            return value
        with self.locks.hold(key if owner is None else owner):
            value = self.get(key)
            if value is None:
                value = compute()
                with self._guard:
                    self._items[key] = value
                    while len(self._items) > self.size:
                        self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        with self._guard:
            return len(self._items)


@dataclass
class AppState:
    """One app's folders, corpus store, analysis function, kept reports and caches."""

    roots: list[Path]                      # real folders cases may be read from
    db: Optional[Path]                     # corpus store for /stories, or None
    compare: Callable[[Case], Report]      # the analysis (tests replace it)
    store: ReportStore = field(default_factory=lambda: ReportStore(settings.SERVER_KEPT_REPORTS))
    # Reports of case folders and corpus stories: a case is analysed by one request at a time.
    reports: LockedCache = field(default_factory=lambda: LockedCache(settings.SERVER_CACHED_CASES))
    # Rendered pages of cached case reports: drawing the charts costs seconds, serving bytes does not.
    pages: LockedCache = field(default_factory=lambda: LockedCache(settings.SERVER_CACHED_PAGES))

    def run_case(self, folder: Path, label_for_files: Optional[Path] = None) -> Report:
        """Load the case in `folder` (problems kept) and analyse it; Refused (422) without accounts."""
        from counterpoint.ingest import InputError, load_case

        try:
            case = load_case(folder, [], keep_going=True)
        except InputError as e:
            raise Refused(422, str(e)) from None
        if label_for_files is not None:  # show uploaded files by their names, not the temporary folder
            for account in case.accounts:
                if account.file and account.file.startswith(str(label_for_files)):
                    account.file = account.file[len(str(label_for_files)):].lstrip("/\\")
            for problem in case.problems:
                problem.file = problem.file.replace(str(label_for_files) + "/", "")
            uploads.check_case_size(case)  # 413 past MAX_REQUEST_CHARS
        if not case.accounts:
            lines = "; ".join(p.line() for p in case.problems) or "the folder holds no files"
            raise Refused(422, f"no readable accounts: {lines}")
        return self.compare(case)


def default_compare() -> Callable[[Case], Report]:
    """counterpoint.run.compare_case, one case at a time (one spaCy pipeline per process)."""
    analysis_lock = threading.Lock()

    def compare(case: Case) -> Report:
        from counterpoint.run import compare_case

        with analysis_lock:
            return compare_case(case, deadline=uploads.request_deadline())

    return compare


def app_state(request: Request) -> AppState:
    return request.app.state.counterpoint
