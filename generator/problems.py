"""A problem found in a record: where it is, which field, and what to do about it.

Every step before rendering reports problems instead of raising, so that one run
shows an editor every mistake in every file at once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"

    def format_github(self) -> str:
        # GitHub Actions workflow command; these characters must be percent-encoded
        # (https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts).
        def esc(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def esc_prop(text: str) -> str:
            return esc(text).replace(":", "%3A").replace(",", "%2C")

        body = f"{self.field}: {self.message}" if self.field else self.message
        return (
            f"::error file={esc_prop(self.file)},line={self.line},col={self.column},"
            f"title={esc_prop('Praktijkbank')}::{esc(body)}"
        )


def field_path(path: tuple) -> str:
    """('criteria', 'innovatie', 'verdict') -> 'criteria.innovatie.verdict';
    list positions read as [0], [1] like editors see them in JSON Schema tools."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
