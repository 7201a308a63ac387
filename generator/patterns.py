"""One meaning for every `pattern` of the schemas, in both validators.

jsonschema-rs (which decides) reads a pattern as ECMA-262 does; python-jsonschema (which explains a
rejection) reads it with Python's `re`. They differ in two places, and a record was let through by
one and refused by the other (issue "Hostile input, round two", finding 6):

- `$`: in ECMA-262 the end of the text; in Python also the place before a final newline
  ("2022\\n" passed). The explainer reads an unescaped `$` outside a class as `\\Z`.
- `\\s`, `\\d`, `\\w`, `\\b` and `.` mean other characters in each (Python's `\\s` has U+001C-U+001F
  and U+0085 but not the BOM; ECMA's the other way round). The schemas do not use them: every
  class is spelled out, and `ENGINE_DEPENDENT` is what tests/test_patterns.py refuses.
"""

from __future__ import annotations

import re
from functools import lru_cache

# character-class shorthands and the dot, outside a bracket or escaped: read differently by the engines
ENGINE_DEPENDENT = re.compile(r"\\[sSdDwWbB]|(?<!\\)\.")


@lru_cache(maxsize=None)
def python_pattern(pattern: str) -> re.Pattern:
    """The pattern compiled for Python's `re` with ECMA-262's meaning of `$`."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class and char == "]":
            in_class = False
        elif not in_class and char == "[":
            in_class = True
        elif not in_class and char == "$":
            char = r"\Z"
        out.append(char)
        i += 1
    return re.compile("".join(out))


def _pattern_keyword(validator, pattern, instance, schema):
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not python_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@lru_cache(maxsize=None)
def _explaining_class():
    from jsonschema import Draft202012Validator, validators  # imported only when a record is invalid

    return validators.extend(Draft202012Validator, {"pattern": _pattern_keyword})


def explaining_validator(schema: dict):
    """python-jsonschema's 2020-12 validator for `schema`, its patterns read as jsonschema-rs reads them."""
    return _explaining_class()(schema)
