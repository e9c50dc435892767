"""The exceptions of the Python API (`counterpoint.compare`, `counterpoint.load_case`): one class per
kind of bad input, all subclasses of `CounterpointError`. Their message is the line the CLI prints
(`FILE: PROBLEM`), and `.problem` holds the Problem record. Bad-input classes also derive from
`counterpoint.ingest.InputError`, so code catching that keeps working."""
from __future__ import annotations

import re
from typing import Optional

from counterpoint.ingest.errors import InputError
from counterpoint.records import Problem

__all__ = [
    "CounterpointError", "BadInputError", "NotFoundError", "EmptyInputError", "UnsupportedFormatError",
    "UndecodableError", "TooLargeError", "NoTextError", "NoTextLayerError", "MalformedInputError",
    "ManifestError", "DuplicateIdError", "NotReadableError", "NetworkRefusedError", "FetchError",
    "InvalidArgumentError", "AnalysisError", "error_for",
]


class CounterpointError(Exception):
    """Every error the API raises on purpose."""


class BadInputError(CounterpointError, InputError):
    """A bad input (a file, a text, a manifest, a page): the message names it and the problem."""

    def __init__(self, problem: Problem):
        InputError.__init__(self, problem)


class NotFoundError(BadInputError):
    """A file or folder that does not exist."""


class EmptyInputError(BadInputError):
    """An empty or whitespace-only file or text."""


class UnsupportedFormatError(BadInputError):
    """An unknown extension, or a binary file (image, archive ...) that is no readable format."""


class UndecodableError(BadInputError):
    """Bytes no text encoding fits."""


class TooLargeError(BadInputError):
    """Over one of the documented limits (file size, record size, WARC inflation, accounts per case)."""


class NoTextError(BadInputError):
    """No article text: an HTML page of menus, nothing left after boilerplate removal, an empty PDF."""


class NoTextLayerError(NoTextError):
    """A scanned PDF without a text layer (OCR it first)."""


class MalformedInputError(BadInputError):
    """Broken structure: invalid JSON, a corrupt WARC, PDF or .docx, a record without text."""


class ManifestError(BadInputError):
    """A bad event.json manifest (not an object, wrong field types, a file outside the case ...)."""


class DuplicateIdError(BadInputError):
    """Two accounts with the same explicit id."""


class NotReadableError(BadInputError):
    """Not a regular file (a link leading out of the folder, a FIFO, a device), or permission denied."""


class FetchError(BadInputError):
    """A URL that could not be fetched (time-out, HTTP error, too large, redirect loop)."""


class NetworkRefusedError(FetchError):
    """A URL refused before any request: network not allowed, or an address that is private,
    loopback, link-local or otherwise not public."""


class InvalidArgumentError(CounterpointError, ValueError):
    """A bad argument to an API function (parties, event_date, inputs of the wrong type)."""


class AnalysisError(CounterpointError):
    """The analysis itself failed: a defect to report, with the input that caused it."""


# Order matters: the first pattern that matches the message decides the class.
_KINDS: list[tuple[re.Pattern[str], type[BadInputError]]] = [(re.compile(p, re.I), k) for p, k in (
    (r"no text layer", NoTextLayerError),
    (r"network access is off|address .* is (private|loopback|link-local|reserved|not public)|"
     r"only http", NetworkRefusedError),
    (r"^fetch|could not fetch|HTTP status|redirect", FetchError),
    (r"duplicate account id", DuplicateIdError),
    (r"\bmanifest\b|event\.json|'(event_id|description|date|parties)'|^account \d+", ManifestError),
    (r"not found|no such file", NotFoundError),
    (r"^empty file|empty text|only whitespace", EmptyInputError),
    (r"over the .*limit|more than \d+ accounts|inflates to more than|limit per file", TooLargeError),
    (r"unknown format|binary file|^binary", UnsupportedFormatError),
    (r"undecodable|encoding", UndecodableError),
    (r"symbolic link|not a regular file|permission denied|cannot read", NotReadableError),
    (r"no article text|no text left|no HTML responses|no text\b", NoTextError),
    (r"invalid JSON|not a readable|could not parse|could not read|corrupt|truncated|unreadable|expected a JSON",
     MalformedInputError),
)]


def error_for(problem: Problem) -> BadInputError:
    """The exception of the right class for a Problem line."""
    for pattern, kind in _KINDS:
        manifest_file = problem.file.endswith("event.json") and not problem.message.startswith("no article text")
        if pattern.search(problem.message) or (kind is ManifestError and manifest_file):
            return kind(problem)
    return BadInputError(problem)


def from_input_error(e: InputError) -> BadInputError:
    return e if isinstance(e, BadInputError) else error_for(e.problem)


def problem(where: object, message: str) -> Problem:
    return Problem(file=str(where), message=message)


def bad(where: object, message: str, kind: Optional[type[BadInputError]] = None) -> BadInputError:
    p = problem(where, message)
    return kind(p) if kind else error_for(p)
