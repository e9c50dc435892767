"""counterpoint: line up several accounts of the same event and show who said what."""

__version__ = "0.1.0"
