"""Exporting the bilan of a year: loaded, checked and written in one of the formats."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from indicators.bilan.attachments import with_attachments
from indicators.bilan.errors import EmptyBilan
from indicators.bilan.glossary import with_glossary
from indicators.bilan.shaping import load_bilan
from indicators.bilan.writers import export_format
from measures.plan_space import plan_addresses


@dataclass(frozen=True)
class ExportedBilan:
    filename: str
    content_type: str
    content: bytes
    is_text: bool


def export_bilan(year: int, format_name: str) -> ExportedBilan:
    """The bilan of ``year`` written in ``format_name``; ``BilanError`` with a French reason.

    The files reproduce the City's French report: they are written in French
    (headers, figures, statuses) whatever the language of the page they come from.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _export_bilan(year, format_name)


def _export_bilan(year: int, format_name: str) -> ExportedBilan:
    export = export_format(format_name)
    bilan = load_bilan(year, with_indicators=export.with_indicators)
    if not bilan.has_published_text:
        raise EmptyBilan(
            _("Le bilan %(year)s n'a encore aucun texte publié : il n'y a rien à exporter.")
            % {"year": bilan.year}
        )
    # Its links name the plan's own pages: a file keeps its meaning once another plan
    # is the current one.
    with plan_addresses(bilan.plan_slug):
        content = export.write(with_attachments(with_glossary(bilan)))
    return ExportedBilan(
        filename=f"{bilan.file_stem}.{export.name}",
        content_type=export.content_type,
        content=content.encode() if isinstance(content, str) else content,
        is_text=export.is_text,
    )
