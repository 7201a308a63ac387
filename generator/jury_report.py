"""The jury report of an award edition as a PDF, made at build time (issue "A jury can really use it").

In the shape of the award's own report (seeds/000_*): the edition's facts, then per nomination its
organisations, stage and description, and each criterion with the jury's words. Page numbers,
the date and the address of the edition page stand in the footer of every page. It is drawn by
WeasyPrint from its own print template (site_config/templates/jury_report.html.j2), not from the
screen page, and made again only when its HTML changes (BuildContext.reports).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from .model import Collection, Edition

REPORT = "juryrapport.pdf"  # prijzen/<edition>/juryrapport.pdf


class ReportError(RuntimeError):
    pass


def report_html(edition: Edition, renderer, today: dt.date) -> str:
    template = renderer.env.get_template("jury_report.html.j2")
    return template.render(edition=edition, date=today.isoformat(), page_path=f"prijzen/{edition.id}/")


def report_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as err:  # OSError: Pango is missing
        raise ReportError(f"WeasyPrint kan het juryrapport niet maken ({err}); installeer Pango met `make system-deps`") from err
    return HTML(string=html).write_pdf()


def report_files(collection: Collection, renderer, kept: Path | None = None) -> dict[str, bytes]:
    """prijzen/<edition>/juryrapport.pdf for every edition, from the renderer's environment, kept
    in its build context and, between builds, in the folder `kept` under the hash of its HTML:
    WeasyPrint takes half of a build's generate stage (3 editions at 1,000 practices, profiled),
    and a report changes only when its nominations or the date do."""
    today = dt.date.today()
    context = renderer.context
    files, used = {}, set()
    drawn_by = _drawn_by()
    for edition in collection.editions:
        html = report_html(edition, renderer, today)
        key = hashlib.sha256((drawn_by + html).encode("utf-8")).hexdigest()
        used.add(f"{key}.pdf")
        cached = context.reports.get(edition.id)
        if cached is None or cached[0] != key:
            cached = (key, _kept_pdf(kept, key, html))
            context.reports[edition.id] = cached
        files[f"prijzen/{edition.id}/{REPORT}"] = cached[1]
    if kept is not None and kept.is_dir():
        for old in kept.glob("*.pdf"):  # reports no edition has any more
            if old.name not in used:
                old.unlink(missing_ok=True)
    return files


def _drawn_by() -> str:
    """The WeasyPrint that draws the reports: another version may draw them otherwise."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"weasyprint {version('weasyprint')}\n"
    except PackageNotFoundError:
        return ""


def _kept_pdf(kept: Path | None, key: str, html: str) -> bytes:
    path = kept / f"{key}.pdf" if kept is not None else None
    if path is not None and path.is_file():
        return path.read_bytes()
    pdf = report_pdf(html)
    if path is not None:
        from .write import write_if_changed

        try:
            write_if_changed(path, pdf)
        except OSError:
            pass  # a cache that cannot be written only costs the next build this time again
    return pdf
