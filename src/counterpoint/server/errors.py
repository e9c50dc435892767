"""The one error type of the web app: a request refused with an HTTP status and a one-line message.

Raised by the path checks (paths.py), the upload limits (uploads.py) and the routes; the app answers
it as JSON (`{"error", "status"}`) or, for a browser, as the error page.
"""
from __future__ import annotations


class Refused(Exception):
    """A request the app will not serve; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message
