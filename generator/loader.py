"""Load practice records: safe YAML with line and column marks, within limits.

The document is built from the parser's event stream, not with yaml.load, for four
reasons: every value keeps its position (errors point at line:column); duplicate keys
are caught (PyYAML keeps the last one silently and an editor's text is lost); anchors,
aliases and tags are refused (no alias bombs, no object construction); and plain
scalars are read by a strict YAML 1.2-style resolver, so `no`, `100.000`, `010` and
`2022-09-23` stay the text the editor wrote instead of turning into false, 100.0, 8
or a date.

A record is a regular file directly in practices/. Symbolic links are never read: one
that leads outside the folder could publish any file on the machine, and one that
leads to another record would publish the same practice under a second id.
"""

from __future__ import annotations

import os
from functools import lru_cache
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .flow_depth import too_deep
from .problems import Problem

try:  # libyaml's parser is several times faster; the pure-Python one gives the same events
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # always used with fullmatch: `$` would let "x\n" pass
MAX_ID_LENGTH = 80
# ids whose page a generated page already is: praktijken/index.md is the overview of all practices
RESERVED_IDS = {"index": "praktijken/index/ is het overzicht van alle praktijken"}
# editors' backup and swap files beside a record (x.yaml~, .x.yaml.swp, #x.yaml#): skipped, with a note
BACKUP_FILE = re.compile(r".*~|.*\.sw[a-p]|#.*#")


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 512 * 1024  # a long record is ~10 KB; this leaves room without risk
    max_depth: int = 12  # a record nests 4 levels; YAML bombs nest thousands
    max_nodes: int = 20_000


DEFAULT_LIMITS = Limits()


def depth_message(limits: Limits) -> str:
    return f"het bestand is dieper genest dan {limits.max_depth} niveaus; een record is veel platter"

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_MAYBE_NOT_TEXT = frozenset("~nNtTfF-0123456789")
_INT = re.compile(r"^-?(?:0|[1-9][0-9]*)$")


def resolve_plain(text: str) -> Any:
    """Resolve an unquoted scalar the way YAML 1.2's core schema would, minus floats.

    Only values that cannot be misread become non-text: null, true/false and plain
    decimal integers. Everything else (`no`, `on`, `100.000`, `010`, `1:30`, dates)
    stays exactly as written.
    """
    if text and text[0] not in _MAYBE_NOT_TEXT:
        return text  # the common case (words) without trying three patterns
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text) and len(text) < 19:
        return int(text)
    return text


@dataclass
class Document:
    """One record file as plain data, with the position of every value and key."""

    path: Path
    display: str  # the path as shown in messages, e.g. practices/x.yaml
    id: str
    data: Any
    marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def mark(self, path: tuple, key: bool = False) -> tuple[int, int]:
        """Position of the value at path (or of its key), else of the nearest parent."""
        table = self.key_marks if key else self.marks
        path = tuple(path)
        while path:
            if path in table:
                return table[path]
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))

    def problem(self, path: tuple, message: str, key: bool = False) -> Problem:
        line, col = self.mark(path, key)
        return Problem(self.display, line, col, shown_field(path), message)


def shown_field(path: tuple) -> str:
    """The field as a message names it; a key with a line break or a terminal escape is
    shown as \\n or \\x1b, so that it can neither forge a line of the report nor crash print()."""
    from .problems import field_path

    return _UNPRINTABLE.sub(_escaped, field_path(path))


def _escaped(m: re.Match) -> str:
    return m.group().encode("unicode_escape", "backslashreplace").decode("ascii")


def suggest_id(name: str) -> str:
    """A valid id close to a name: 'Café Nieuw (2).YAML' -> 'cafe-nieuw-2'."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:MAX_ID_LENGTH] or "praktijk"


def check_file_name(path: Path, display: str) -> list[Problem]:
    name = path.name
    if not name.endswith(".yaml"):
        return [Problem(display, 1, 1, "", "een record moet de extensie .yaml hebben")]
    stem = name[: -len(".yaml")]
    if stem in RESERVED_IDS:
        return [Problem(display, 1, 1, "", f"de id `{stem}` is gereserveerd: {RESERVED_IDS[stem]}; kies een andere "
                                           f"bestandsnaam, bijvoorbeeld {stem}-praktijk.yaml")]
    if not ID_PATTERN.fullmatch(stem) or len(stem) > MAX_ID_LENGTH:
        suggestion = f"{suggest_id(stem)}.yaml"
        hint = f"hernoem het bestand bijvoorbeeld naar {suggestion}"
        if suggestion in _names_beside(path):
            # Foo.yaml next to foo.yaml: renaming would clash, and both would be the same id
            hint = (f"{suggestion} bestaat al (een id is hetzelfde in hoofd- en kleine letters): "
                    f"voeg de twee records samen of kies een andere naam")
        return [
            Problem(
                display, 1, 1, "",
                f"de bestandsnaam {stem!r} is ook de id en de URL van de praktijk en mag alleen "
                f"kleine letters, cijfers en koppeltekens bevatten (hoogstens {MAX_ID_LENGTH} tekens); "
                f"{hint}",
            )
        ]
    return []


def _names_beside(path: Path) -> set[str]:
    try:
        return {name for name in os.listdir(path.parent) if name != path.name}
    except OSError:
        return set()


# Line breaks to YAML, not to an editor or to GitHub: every line number after one would be off
HIDDEN_LINE_BREAKS = {  # the character -> its name and, for NEL, what it usually was
    "\x85": ("U+0085, NEL", "; vaak is het een verkeerd omgezet beletselteken: schrijf dan …"),
    "\u2028": ("U+2028, regelscheiding", ""),
    "\u2029": ("U+2029, alineascheiding", ""),
}
HIDDEN_LINE_BREAK = re.compile("[" + "".join(HIDDEN_LINE_BREAKS) + "]")


def _hidden_line_breaks(display: str, text: str) -> list[Problem]:
    problems = []
    for match in HIDDEN_LINE_BREAK.finditer(text):
        line, col = _offset_to_line_col(text, match.start())
        name, usually = HIDDEN_LINE_BREAKS[match.group()]
        problems.append(Problem(display, line, col, "", f"hier staat een onzichtbaar regeleinde ({name}) dat YAML als nieuwe "
                                f"regel leest maar uw editor niet; vervang het door een spatie{usually}"))
    return problems


def _offset_to_line_col(data: bytes | str, offset: int) -> tuple[int, int]:
    newline = b"\n" if isinstance(data, bytes) else "\n"
    before = data[:offset]
    line = before.count(newline) + 1
    col = offset - (before.rfind(newline) + 1) + 1
    return line, col


_OPENED_AT = ("while scanning a quoted scalar", "while parsing a flow sequence", "while parsing a flow mapping")
TAB_MESSAGE = "een tab-teken mag in YAML niet voor inspringen gebruikt worden; gebruik spaties"

_FRIENDLY = [
    ("'\\t'", TAB_MESSAGE),
    ("while scanning a quoted scalar", "een aanhalingsteken (\" of ') wordt hier geopend maar nergens gesloten"),
    ("mapping values are not allowed",
     "onverwachte ':'; klopt het inspringen, of moet een tekst met ': ' tussen aanhalingstekens?"),
    ("could not find expected ':'",
     "hier ontbreekt een ':' of een regel springt verkeerd in"),
    ("did not find expected key", "een regel springt verkeerd in: hij past niet bij de regels erboven"),
    ("found unexpected end of stream", "het bestand houdt op midden in een waarde: is er een aanhalingsteken niet gesloten?"),
    ("did not find expected '-' indicator", "een lijst springt verkeerd in: elk item begint met '- ' op dezelfde hoogte"),
    ("did not find expected ',' or ']'", "een lijst tussen [ ] wordt hier geopend maar niet gesloten, of er ontbreekt een komma"),
    ("did not find expected ',' or '}'", "een verzameling tussen { } wordt hier geopend maar niet gesloten, of er ontbreekt een komma"),
    ("found undefined alias", "ankers en verwijzingen (& en *) zijn in een record niet toegestaan"),
    ("unacceptable character", "hier staat een stuurteken dat in een tekstbestand niet hoort; verwijder het"),
]


def _yaml_problem(display: str, err: yaml.YAMLError, text: str = "", field: str = "") -> Problem:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    context = getattr(err, "context", "") or ""
    if context in _OPENED_AT and getattr(err, "context_mark", None):
        mark = err.context_mark  # where the quote or bracket opens, not where the file ends
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if mark is None and isinstance(getattr(err, "position", None), int):  # a ReaderError: an offset
        before = text[: err.position]
        line, col = before.count("\n") + 1, err.position - (before.rfind("\n") + 1) + 1
    raw = f"{context} {getattr(err, 'problem', '') or err}".strip().splitlines()[0]  # a ReaderError adds a line
    # libyaml's message does not always name the tab (and differs by version), so look
    # at the offending line itself: a tab in its indentation is the mistake
    lines = text.splitlines()
    offending = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = offending[: len(offending) - len(offending.lstrip(" \t"))]
    if "\t" in indent:
        return Problem(display, line, indent.index("\t") + 1, field, f"ongeldige YAML: {TAB_MESSAGE} ({raw})")
    for needle, friendly in _FRIENDLY:
        if needle in raw:
            return Problem(display, line, col, field, f"ongeldige YAML: {friendly} ({raw})")
    return Problem(display, line, col, field, f"ongeldige YAML: {raw}")


_SCALAR = yaml.ScalarEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent


class _Builder:
    """Turns parser events into dicts, lists and scalars, recording marks."""

    def __init__(self, display: str, limits: Limits):
        self.display = display
        self.limits = limits
        self.marks: dict[tuple, tuple[int, int]] = {}
        self.key_marks: dict[tuple, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.nodes = 0
        self.documents = 0
        self.root: Any = None
        # each frame: [container, path, pending key or None, first-seen keys]
        self.stack: list[list] = []

    def reading(self) -> str:
        """The field being read when the parser stopped, e.g. organisations[0], for a syntax error."""
        if not self.stack:
            return ""
        container, path, pending = self.stack[-1][:3]
        if isinstance(container, list):
            # after a finished item the parser is still in it (a line that springs wrong)
            path = path + (len(container) - 1,) if container else path
        elif pending is not None and pending[0] is not None:
            path = path + (pending[0],)
        elif self.stack[-1][3]:  # between two fields: the one just read (`title: een: twee`)
            path = path + (list(self.stack[-1][3])[-1],)
        if "\u0000duplicate" in path:  # inside the value of a duplicate key: name that key
            path = path[: path.index("\u0000duplicate")]
            parent = next(frame for frame in self.stack if frame[1] == path)
            path = path + (list(parent[3])[-1],)
        return shown_field(path)

    def _mark(self, event) -> tuple[int, int]:
        return event.start_mark.line + 1, event.start_mark.column + 1

    def _fail(self, event, message: str, fatal: bool = False, field: str = "") -> None:
        line, col = self._mark(event)
        self.problems.append(Problem(self.display, line, col, field, message))
        if fatal:
            raise _Stop()

    def feed(self, event) -> None:
        # Dispatch on the exact class, most frequent first: this loop runs once per event,
        # ~200 times per record, and is most of the time `praktijkbank validate` takes.
        cls = type(event)
        if cls is _SCALAR:
            self._count(event)
            plain = not event.style and event.implicit[0]  # libyaml says "" for plain, PyYAML None
            self._place(event, resolve_plain(event.value) if plain else event.value, is_scalar=True)
        elif cls is _MAPPING_END or cls is _SEQUENCE_END:
            self.stack.pop()
        elif cls is _MAPPING_START or cls is _SEQUENCE_START:
            self._count(event)
            self._open(event, {} if cls is _MAPPING_START else [])
        elif cls is yaml.AliasEvent:
            self._fail(event, "ankers en verwijzingen (& en *) zijn in een record niet toegestaan; schrijf de waarde uit", fatal=True)
        elif cls is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self._fail(event, "een record-bestand bevat één YAML-document; verwijder de tweede '---'", fatal=True)
        # stream start and end, document end: nothing to do

    def _count(self, event) -> None:
        """Limits and refusals that apply to every node (scalar, mapping or sequence)."""
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            self._fail(event, f"het bestand bevat meer dan {self.limits.max_nodes} waarden; een record is veel kleiner", fatal=True)
        if event.anchor:
            self._fail(event, "ankers en verwijzingen (& en *) zijn in een record niet toegestaan; schrijf de waarde uit", fatal=True)
        tag = event.tag
        if tag is not None and tag != "!":
            self._fail(event, f"YAML-tags zoals {tag!r} zijn niet toegestaan; laat de tag weg", fatal=True)

    def _open(self, event, container) -> None:
        if len(self.stack) >= self.limits.max_depth:
            self._fail(event, depth_message(self.limits), fatal=True)
        path = self._place(event, container, is_scalar=False)
        if path is not None:
            self.stack.append([container, path, None, {}])

    def _place(self, event, value, is_scalar: bool):
        """Put a value into its parent; returns the value's path (None for a refused key)."""
        mark = self._mark(event)
        if not self.stack:
            self.root = value
            self.marks[()] = mark
            return ()
        frame = self.stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            child = path + (len(container),)
            container.append(value)
            self.marks[child] = mark
            return child
        if frame[2] is None:  # this node is a key
            if not is_scalar or not isinstance(value, (str, int, bool)) or value is None:
                self._fail(event, "een sleutel moet een eenvoudige naam zijn, zoals title:", fatal=True)
            key = str(value)
            if key in frame[3]:
                first = frame[3][key]
                self._fail(
                    event,
                    f"de sleutel {key!r} staat twee keer op hetzelfde niveau (eerst op regel {first[0]}); "
                    "YAML zou de eerste stil weggooien, dus voeg ze samen of verwijder er één",
                    field=shown_field(path + (key,)),
                )
                frame[2] = (None, mark)  # the second value is read (for its own errors) but not kept
                frame[3][key] = frame[3].pop(key)  # the field last read, for a syntax error in its value
                return None
            frame[3][key] = mark
            frame[2] = (key, mark)
            return None
        key, key_mark = frame[2]
        frame[2] = None
        if key is None:
            return path + ("\u0000duplicate",)
        child = path + (key,)
        container[key] = value
        self.marks[child] = mark
        self.key_marks[child] = key_mark
        return child


class _Stop(Exception):
    pass


def discover(practices_dir: Path, notes: list[str] | None = None) -> tuple[list[Path], list[Problem]]:
    """The record files in a folder, refusing links that lead outside it; editor backup files
    are skipped, each with a line in `notes`."""
    problems: list[Problem] = []
    files: list[Path] = []
    root = practices_dir.resolve()
    with os.scandir(practices_dir) as listing:  # its entries know their type: no stat per file
        entries = sorted(listing, key=lambda e: e.name)
    for item in entries:
        entry = practices_dir / item.name
        if BACKUP_FILE.fullmatch(item.name):
            if notes is not None:
                notes.append(f"overgeslagen: {display_path(entry).rsplit('/', 1)[-1]} (een reservekopie of wisselbestand van een editor, geen record)")
            continue
        if item.name.startswith(".") and (not item.name.endswith(".yaml") or item.name.startswith(".#")):
            continue  # dotfiles (.gitkeep) and editor locks (.#x.yaml) are not records; a hidden
            #           .x.yaml is an editor's record, so it goes on to be refused by its name, not lost
        if item.is_symlink():
            target = entry.resolve()
            if root not in target.parents:
                problems.append(Problem(display_path(entry), 1, 1, "", "deze symbolische link wijst buiten de map met praktijken en wordt niet gelezen"))
                continue
        if item.is_dir():  # follows a link, as Path.is_dir did
            problems.append(Problem(display_path(entry), 1, 1, "", "submappen worden niet gelezen; zet het record direct in de map met praktijken"))
            continue
        files.append(entry)
    return files, problems


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


@lru_cache(maxsize=64)
def _resolved_folder(folder: str) -> Path:
    """An absolute folder resolved once per run (all records share one or two folders)."""
    return Path(folder).resolve()


def located(path: Path) -> Path:
    """Where a file is, with its folder resolved but not the file itself: a symbolic link is
    named by itself (in practices/), not by its target, so it cannot hide as something else."""
    path = Path(path).absolute()
    return _resolved_folder(str(path.parent)) / path.name


def display_path(path: Path) -> str:
    try:
        shown = str(located(path).relative_to(_resolved_folder(os.getcwd())))
    except ValueError:
        shown = str(path)
    # A file name may hold a line break, a terminal escape or bytes that are not UTF-8;
    # shown as \n, \x1b or \udce9 it can neither forge a line of the report nor crash print().
    return _UNPRINTABLE.sub(_escaped, shown)


def load_file(path: Path, display: str | None = None, limits: Limits = DEFAULT_LIMITS,
              record: bool = True) -> tuple[Document | None, list[Problem]]:
    """A record (its file name is its id), or with record=False any YAML file of the site's
    configuration, read with the same care: marks, duplicate keys, no aliases, tags or traps."""
    display = display or display_path(path)
    problems = check_file_name(path, display) if record else []
    if problems:
        return None, problems

    def too_big(size: int) -> list[Problem]:
        return [Problem(display, 1, 1, "", f"het bestand is {size:,} bytes; een record mag hoogstens {limits.max_bytes:,} bytes zijn".replace(",", "."))]

    try:
        if path.is_symlink():  # also when named on the command line, not only in discover()
            return None, [Problem(display, 1, 1, "", "dit is een symbolische link en wordt niet gelezen; zet het record zelf als gewoon bestand in de map met praktijken")]
        # O_NOFOLLOW: no link swapped in after the check; O_NONBLOCK: a named pipe cannot hang the run
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return None, [Problem(display, 1, 1, "", "dit is geen gewoon bestand en wordt niet gelezen; een record is een YAML-tekstbestand")]
            if info.st_size > limits.max_bytes:  # refused by its size, before a byte is read
                return None, too_big(info.st_size)
            raw = handle.read(limits.max_bytes + 1)  # bounded even if the file grows meanwhile
            if len(raw) > limits.max_bytes:
                return None, too_big(len(raw))
    except OSError as err:
        return None, [Problem(display, 1, 1, "", f"het bestand kan niet gelezen worden: {err.strerror}")]

    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark carries no text; editors on Windows add it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = _offset_to_line_col(raw, err.start)
        return None, [Problem(display, line, col, "", "het bestand is geen UTF-8-tekst; sla het op als UTF-8")]
    if "\x00" in text:
        line, col = _offset_to_line_col(raw, raw.index(b"\x00"))
        return None, [Problem(display, line, col, "", "het bestand bevat een NUL-teken; het is geen tekstbestand")]
    if not text.strip():
        return None, [Problem(display, 1, 1, "", "het bestand is leeg; begin met het sjabloon van `praktijkbank new`")]
    breaks = _hidden_line_breaks(display, text)
    if breaks:
        return None, breaks

    deep = too_deep(text, limits.max_depth)  # before libyaml, which reads flow collections ahead
    if deep is not None:
        return None, [Problem(display, deep[0], deep[1], "", depth_message(limits))]
    builder = _Builder(display, limits)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except _Stop:
        return None, builder.problems
    except yaml.YAMLError as err:
        return None, builder.problems + [_yaml_problem(display, err, text, builder.reading())]
    except RecursionError:  # belt and braces: the builder is iterative, but a parser may not be
        return None, [Problem(display, 1, 1, "", "het bestand is te diep genest")]

    if not isinstance(builder.root, dict):
        found = {list: "een lijst", type(None): "niets"}.get(type(builder.root), "een losse waarde")
        return None, [Problem(display, 1, 1, "", f"een record is een verzameling velden (title: …, kind: …), maar dit bestand bevat {found}")]
    doc = Document(path, display, path.stem, builder.root, builder.marks, builder.key_marks)
    return doc, builder.problems  # e.g. duplicate keys: reported, and the rest is still checked
