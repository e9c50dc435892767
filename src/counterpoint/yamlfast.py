"""YAML reading for the data and user files: PyYAML's safe loader on libyaml's C parser where the
installed PyYAML has it (the built-in knowledge base took ~58 ms to read with the pure-Python
parser and ~7 ms with libyaml, at every start), else the pure-Python one. Same documents, same
errors (`yaml.YAMLError`)."""
from __future__ import annotations

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream):
    """`yaml.safe_load`, on the C parser when available."""
    return yaml.load(stream, Loader=SafeLoader)
