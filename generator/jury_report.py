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


def report_files(collection: Collection, renderer) -> dict[str, bytes]:
    """prijzen/<edition>/juryrapport.pdf for every edition, from the renderer's environment and
    kept in its build context."""
    today = dt.date.today()
    context = renderer.context
    files = {}
    for edition in collection.editions:
        html = report_html(edition, renderer, today)
        key = hashlib.sha256(html.encode("utf-8")).hexdigest()
        cached = context.reports.get(edition.id)
        if cached is None or cached[0] != key:
            cached = (key, report_pdf(html))
            context.reports[edition.id] = cached
        files[f"prijzen/{edition.id}/{REPORT}"] = cached[1]
    return files
