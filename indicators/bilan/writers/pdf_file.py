"""PDF: the print template (``indicators/bilan/print.html``) rendered by WeasyPrint."""

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy

from indicators.bilan.attachments import attachment_cells, attachments_headers, attachments_title
from indicators.bilan.glossary import glossary_headers, glossary_title
from indicators.bilan.shaping import Bilan
from indicators.bilan.sheets import (
    commitment_headers,
    figure_document_rows,
    indicator_document_rows,
)
from indicators.bilan.tables import bilan_table
from indicators.bilan.writers.base import ExportFormat

# WeasyPrint may read the project's own static files, and nothing else.
PRINT_BASE_DIR = Path(settings.BASE_DIR) / "static"


def local_only_fetcher():
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        """Refuses every URL but data: and files under the project's static folder."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if path.is_relative_to(PRINT_BASE_DIR.resolve()):
                    return super().fetch(url, headers)
            raise ValueError(f"URL refusée : {url}")

    return LocalOnlyFetcher(allowed_protocols=("data", "file"))


def print_context(bilan: Bilan) -> dict:
    headers, rows = indicator_document_rows(bilan)
    figure_headers, figure_rows = figure_document_rows(bilan)
    return {
        "bilan": bilan,
        "table": bilan_table(bilan),
        "indicator_headers": headers,
        "indicator_rows": rows,
        "figure_headers": figure_headers,
        "figure_rows": figure_rows,
        "commitment_headers": commitment_headers(),
        "glossary_title": glossary_title(),
        "glossary_headers": glossary_headers(),
        "attachments_title": attachments_title(),
        "attachments_headers": attachments_headers(),
        "attachment_rows": [attachment_cells(a) for a in bilan.attachments],
    }


def write_pdf(bilan: Bilan) -> bytes:
    """The print template rendered by WeasyPrint: A4 landscape, system fonts, no fetch, tagged."""
    import weasyprint

    html = render_to_string("indicators/bilan/print.html", print_context(bilan))
    document = weasyprint.HTML(
        string=html, base_url=PRINT_BASE_DIR.as_uri() + "/", url_fetcher=local_only_fetcher()
    )
    # PDF/UA-1: a tagged PDF (headings, tables with their header cells, reading
    # order), its language and title declared, so that a screen reader reads the
    # bilan as it reads the web page (RGAA 13.3).
    return document.write_pdf(pdf_variant="pdf/ua-1")


FORMAT = ExportFormat(
    "pdf",
    gettext_lazy("Document PDF"),
    "application/pdf",
    write_pdf,
)
