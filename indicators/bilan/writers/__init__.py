"""The formats the bilan is exported in: one module per format, all registered here.

Every export holds the bilan table; all but CSV (a single sheet) also hold
the "Indicateurs" part (``indicators.bilan.indicator_part``): every indicator,
its targets and results for N and N+1, its progress for N, its own figures,
and every figure with its provenance (« Chiffres et sources »).

A new format is one more module beside these, with its writer and its
``FORMAT``, and one more line in ``EXPORT_FORMATS``. The order of
``EXPORT_FORMATS`` is the order of the page's download links.

Each writer imports its library (openpyxl, odfpy, python-docx, WeasyPrint)
when it writes, not when it is registered: the pages that only list the
formats never load them.
"""

from django.utils.translation import gettext as _

from indicators.bilan.errors import UnknownFormat
from indicators.bilan.writers import csv_file, docx_file, json_file, ods_file, pdf_file, xlsx_file
from indicators.bilan.writers.base import ExportFormat

EXPORT_FORMATS: dict[str, ExportFormat] = {
    export.name: export
    for export in (
        csv_file.FORMAT,
        xlsx_file.FORMAT,
        ods_file.FORMAT,
        json_file.FORMAT,
        docx_file.FORMAT,
        pdf_file.FORMAT,
    )
}


def format_named(formats: dict[str, ExportFormat], name: str) -> ExportFormat:
    """The format called ``name`` among ``formats`` (this registry or the final bilan's),
    or ``UnknownFormat`` with the possible names."""
    try:
        return formats[name]
    except KeyError:
        raise UnknownFormat(
            _("Format d'export inconnu : « %(name)s ». Formats possibles : %(names)s.")
            % {"name": name[:20], "names": ", ".join(formats)}
        ) from None


def export_format(name: str) -> ExportFormat:
    """The format of the yearly bilan called ``name``, or ``UnknownFormat``."""
    return format_named(EXPORT_FORMATS, name)
