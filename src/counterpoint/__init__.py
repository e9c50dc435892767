"""counterpoint: line up several accounts of the same event and show who said what.

    import counterpoint
    report = counterpoint.compare("examples/harbour-call")      # a case folder, files, texts
    case = counterpoint.load_case("examples/harbour-call")      # accounts only, no analysis

See `counterpoint.api` for the arguments and `counterpoint.errors` for the exceptions.
"""
from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from counterpoint.api import compare, load_case
    from counterpoint.errors import *  # noqa: F403


class _Compare:
    """`counterpoint.compare(...)`, the API function. The name is also the `counterpoint.compare`
    stage package: attributes other than the call reach that package (`counterpoint.compare.build`),
    so both uses of the name work."""

    def __call__(self, *args, **kwargs):
        from counterpoint.api import compare as _compare
        return _compare(*args, **kwargs)

    def __getattr__(self, name: str):
        import importlib
        return getattr(importlib.import_module("counterpoint.compare"), name)

    @property
    def __wrapped__(self):
        from counterpoint.api import compare as _compare
        return _compare

    @property
    def __signature__(self):
        import inspect
        return inspect.signature(self.__wrapped__)

    @property
    def __doc__(self):  # type: ignore[override]
        return self.__wrapped__.__doc__

    def __repr__(self) -> str:
        return "<function counterpoint.compare>"


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value) -> None:
        if name == "compare" and isinstance(value, types.ModuleType):
            return  # importing the stage package must not hide the API function
        super().__setattr__(name, value)

    def __getattr__(self, name: str):
        if name == "load_case":
            from counterpoint.api import load_case as value
        elif name in _ERRORS:
            from counterpoint import errors
            value = getattr(errors, name)
        else:
            raise AttributeError(f"module 'counterpoint' has no attribute {name!r}")
        return value

    def __dir__(self):
        return sorted(set(super().__dir__()) | {"compare", "load_case"} | set(_ERRORS))


_ERRORS = ("CounterpointError", "BadInputError", "NotFoundError", "EmptyInputError", "UnsupportedFormatError",
           "UndecodableError", "TooLargeError", "NoTextError", "NoTextLayerError", "MalformedInputError",
           "ManifestError", "DuplicateIdError", "NotReadableError", "NetworkRefusedError", "FetchError",
           "InvalidArgumentError", "AnalysisError")

if not TYPE_CHECKING:
    compare = _Compare()
    sys.modules[__name__].__class__ = _Package

__all__ = ["compare", "load_case", "__version__", *_ERRORS]
