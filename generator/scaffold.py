"""Scaffold a new record from a commented template, like Hugo's archetypes.

    praktijkbank new --kind pilot --title "Pilot in de thuiszorg"
        -> practices/pilot-in-de-thuiszorg.yaml

The template for each kind is `site_config/archetypes/<kind>.yaml`, a Jinja template
that lists every field of the schema with a Dutch comment. Required values are left
empty, so the new file fails validation ("verwacht tekst, maar vond niets ... vul het
veld in") until an editor has filled them in; optional fields are switched off with a
`#` in front. Lists of allowed values come from vocabularies.yaml and editions.yaml,
so the comments cannot drift from what validation accepts.

An existing record is never overwritten.
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
import unicodedata
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .config import ConfigError, SiteConfig
from .project import find_root, load_site
from .loader import MAX_ID_LENGTH, display_path, suggest_id

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

USAGE = (
    "gebruik: praktijkbank new --kind {kinds} --title \"Titel van de praktijk\"\n"
    "Zonder --kind en --title vraagt het commando erom, maar alleen in een terminal."
)


class ScaffoldError(Exception):
    """The record cannot be written; the message says why, in the editor's words."""

    def __init__(self, message: str, exit_code: int = EXIT_INVALID):
        super().__init__(message)
        self.exit_code = exit_code


def archetypes_dir(config: SiteConfig) -> Path:
    return config.root / "archetypes"


# letters that do not decompose into an ASCII letter plus accents
_TRANSLITERATE = {"ß": "ss", "æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "Oe",
                  "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "ð": "d"}
_APOSTROPHES = str.maketrans("", "", "'’‘`´")


def record_id(title: str) -> str:
    """The id (and file name) for a title: 'Oekraïense vluchtelingen' -> 'oekraiense-vluchtelingen'.

    Accents are dropped (ï -> i), apostrophes inside words too (programma's -> programmas),
    and every other character that is not a letter or digit separates words, also dashes
    and other non-ASCII punctuation (Werk—Leer -> werk-leer); loader.suggest_id does the rest.
    """
    decomposed = unicodedata.normalize("NFKD", title.translate(_APOSTROPHES))
    letters = "".join(_TRANSLITERATE.get(c, c) for c in decomposed if not unicodedata.combining(c))
    ascii_title = "".join(c if c.isascii() else " " for c in letters)
    return suggest_id(ascii_title)[:MAX_ID_LENGTH].rstrip("-") or "praktijk"


def choices(config: SiteConfig, vocabulary: str, labels: bool = False, width: int = 96) -> str:
    """Allowed ids of a vocabulary as comment lines: '#   a, b, c' (with labels if asked)."""
    entries = config.vocabularies[vocabulary]
    if labels:
        return "\n".join(f"#   {vid} – {entry['label']}" for vid, entry in entries.items())
    text = ", ".join(entries)
    return textwrap.fill(text, width=width, initial_indent="#   ", subsequent_indent="#   ",
                         break_on_hyphens=False)


def one_of(config: SiteConfig, vocabulary: str) -> str:
    """'lopend, afgerond, gestopt of onbekend': the allowed ids of a short vocabulary."""
    ids = list(config.vocabularies[vocabulary])
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " of " + ids[-1]


def render_record(config: SiteConfig, kind: str, title: str, programmes: list[str] = ()) -> str:
    """The text of a new record of this kind, from its archetype."""
    env = Environment(
        loader=FileSystemLoader(str(archetypes_dir(config))),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # the output is YAML, not HTML; the title is quoted as a YAML string
    )
    template = env.get_template(f"{kind}.yaml")
    return template.render(
        title=json.dumps(title, ensure_ascii=False),  # a JSON string is a valid YAML double-quoted scalar
        kind=kind,
        id=record_id(title),
        kind_label=config.label(_kinds(config), kind),
        criteria=config.vocabularies["criteria"],
        editions=config.editions,
        programmes=list(programmes),
        choices=lambda vocabulary, labels=False: choices(config, vocabulary, labels),
        one_of=lambda vocabulary: one_of(config, vocabulary),
        source_choices=lambda: "\n".join(f"#   {sid} – {entry['title']}" for sid, entry in config.sources.items()),
    )


def _kinds(config: SiteConfig) -> str:
    """The vocabulary whose values pick an archetype (the facet with `archetypes: true`)."""
    facet = config.archetype_facet
    if facet is None:
        raise ScaffoldError("geen facet in vocabularies.yaml heeft `archetypes: true`; "
                            "praktijkbank new weet dan niet welk sjabloon het moet kiezen", EXIT_USAGE)
    return facet.vocabulary


def known_programmes(practices_dir: Path, config: SiteConfig) -> list[str]:
    """Ids of records of a kind that holds parts (`container: true`), for the hint in part_of."""
    from .loader import load_file

    facet = config.archetype_facet
    containers = config.flagged(facet.vocabulary, "container") if facet else frozenset()
    found = []
    for path in sorted(practices_dir.glob("*.yaml")):
        doc, _ = load_file(path)
        if doc is not None and facet is not None and doc.data.get(facet.field) in containers:
            found.append(doc.id)
    return found


def write_record(practices_dir: Path, config: SiteConfig, kind: str, title: str) -> Path:
    """Write practices/<id>.yaml; raises ScaffoldError when it exists or cannot be written."""
    kinds = config.vocabularies[_kinds(config)]
    if kind not in kinds or not (archetypes_dir(config) / f"{kind}.yaml").is_file():
        known = ", ".join(k for k in kinds if (archetypes_dir(config) / f"{k}.yaml").is_file())
        raise ScaffoldError(f"er is geen sjabloon voor de soort {kind!r}; kies uit: {known}", EXIT_USAGE)
    path = practices_dir / f"{record_id(title)}.yaml"
    if path.exists() or path.is_symlink():
        raise ScaffoldError(
            f"{display_path(path)} bestaat al; een bestaand record wordt nooit overschreven. "
            "Wilt u die praktijk verbeteren, open dan dat bestand. Is het een andere praktijk, "
            "kies dan een titel die er duidelijker van verschilt."
        )
    # the records a new one can be part of, for the archetypes that ask for part_of
    asks_part_of = re.search(r"^part_of:", (archetypes_dir(config) / f"{kind}.yaml").read_text(encoding="utf-8"), re.M)
    programmes = known_programmes(practices_dir, config) if asks_part_of else []
    text = render_record(config, kind, title, programmes)
    try:
        # mode "x": fails instead of overwriting, even if the file appeared a moment ago
        with open(path, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError as err:
        raise ScaffoldError(f"{display_path(path)} bestaat al; een bestaand record wordt nooit overschreven") from err
    except OSError as err:
        raise ScaffoldError(f"{display_path(path)} kan niet geschreven worden: {err.strerror}") from err
    return path


def _ask_kind(kinds: dict) -> str:
    print("Welke soort praktijk wilt u toevoegen?")
    ids = list(kinds)
    for number, kid in enumerate(ids, 1):
        print(f"  {number}. {kid}: {kinds[kid].get('description', kinds[kid]['label'])}")
    while True:
        answer = input(f"Soort (1-{len(ids)} of de naam): ").strip().lower()
        if answer.isdigit() and 1 <= int(answer) <= len(ids):
            return ids[int(answer) - 1]
        if answer in kinds:
            return answer
        print(f"  '{answer}' is geen soort; typ een nummer van 1 tot {len(ids)} of een van: {', '.join(ids)}")


def _ask_title() -> str:
    print("Wat is de titel van de praktijk? In eigen woorden, bijvoorbeeld:")
    print("  Oekraïense vluchtelingen aan het werk in de schoonmaak van opvanglocaties")
    while True:
        answer = " ".join(input("Titel: ").split())
        if answer:
            return answer
        print("  De titel mag niet leeg zijn.")


def main(args, project=None, config: SiteConfig | None = None) -> int:
    """`praktijkbank new`; the CLI passes the project and its config (loaded from mkdocs.yml)."""
    if project is None or config is None:
        try:
            project, config = load_site(find_root())
        except ConfigError as err:
            print(f"de configuratie is niet in orde:\n{err}", file=sys.stderr)
            return EXIT_INVALID
    try:
        kinds = config.vocabularies[_kinds(config)]
    except ScaffoldError as err:
        print(f"praktijkbank new: {err}", file=sys.stderr)
        return err.exit_code
    kind = getattr(args, "archetype", None)
    title = " ".join((getattr(args, "title", None) or "").split())

    if not kind or not title:
        if not sys.stdin.isatty():
            print("praktijkbank new: geef de soort en de titel op.", file=sys.stderr)
            print(USAGE.format(kinds="|".join(kinds)), file=sys.stderr)
            return EXIT_USAGE
        try:
            kind = kind or _ask_kind(kinds)
            title = title or _ask_title()
        except EOFError:
            print("\nAfgebroken; er is niets geschreven.", file=sys.stderr)
            return EXIT_USAGE
        except KeyboardInterrupt:
            print("\nAfgebroken; er is niets geschreven.", file=sys.stderr)
            return EXIT_INTERRUPTED

    practices = Path(args.practices) if getattr(args, "practices", None) else project.practices
    if not practices.is_dir():
        print(
            f"praktijkbank new: de map {display_path(practices)} bestaat niet; start het commando "
            "in de map van de repository (waar mkdocs.yml staat)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        path = write_record(practices, config, kind, title)
    except ScaffoldError as err:
        print(f"praktijkbank new: {err}", file=sys.stderr)
        return err.exit_code

    shown = display_path(path)
    print(f"Geschreven: {shown}")
    print()
    print("Volgende stap: open het bestand en vul elk leeg veld in vanuit de bron, in eigen woorden.")
    print("Controleer het daarna met:")
    print(f"  praktijkbank validate {shown}")
    print("Zolang er nog een verplicht veld leeg is, noemt de controle het veld en de regel.")
    return EXIT_OK
