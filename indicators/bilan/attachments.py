"""The « Pièces justificatives publiques » appendix of the bilan's files.

The public pièces of the year's published entries (results, targets, milestones, texts,
commitments, funding, figures by arrondissement of reporting year N), in the table's
order, each with its row, what it justifies, its file and the address anyone may download
it from. Internal and partners' pièces, and those of entries not published, never appear.
The JSON, DOCX and PDF exports hold it; the table's own cells do not change.
"""

import dataclasses

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _

from core.text_safety import printable
from core.workflow import EntryStatus
from indicators.bilan.shaping import Bilan
from indicators.history import entry_subject, with_entries
from indicators.models import Attachment, Visibility
from indicators.models.attachments import entries_where, row_of
from measures.models import ReportingYear


@dataclasses.dataclass(frozen=True)
class BilanAttachment:
    reference: str  # the row's « 1 », « 9a »…
    subject: str  # what it justifies: « Résultat 2022 — Logements… »
    title: str
    filename: str
    file_type: str  # « PDF »
    size: int  # bytes
    url: str  # absolute


def public_attachments(bilan: Bilan) -> tuple[BilanAttachment, ...]:
    """The appendix's pièces (one query, and one per kind of entry they justify)."""
    reporting_year = ReportingYear.objects.filter(pk=bilan.reporting_year_id).first()
    if reporting_year is None:
        return ()
    attachments = with_entries(
        Attachment.objects.filter(
            entries_where(
                ambition__axis__plan=reporting_year.plan_id,
                statuses=(EntryStatus.PUBLISHED,),
                year=bilan.year,
            ),
            visibility=Visibility.PUBLIC,
        ).select_related("content_type"),
        with_rows=True,
    )
    order = {row.pk: index for index, row in enumerate(bilan.rows)}
    shown = []
    for attachment in attachments:
        if attachment.entry is None:
            continue
        row = row_of(attachment.entry)
        shown.append(
            (
                (order.get(row.pk, len(order)), attachment.uploaded_at, attachment.pk),
                BilanAttachment(
                    reference=row.reference,
                    subject=printable(entry_subject(attachment.entry)),
                    title=printable(attachment.title),
                    filename=printable(attachment.original_name),
                    file_type=attachment.extension,
                    size=attachment.size,
                    url=settings.LDAPLAN_SITE_URL + reverse("attachment", args=[attachment.key]),
                ),
            )
        )
    return tuple(item for _key, item in sorted(shown, key=lambda pair: pair[0]))


def with_attachments(bilan: Bilan) -> Bilan:
    return dataclasses.replace(bilan, attachments=public_attachments(bilan))


def attachments_title() -> str:
    return _("Pièces justificatives publiques")


def attachments_headers() -> tuple[str, ...]:
    return (_("Ligne"), _("Saisie"), _("Pièce"), _("Fichier"), _("Adresse"))


def attachment_cells(attachment: BilanAttachment) -> tuple[str, ...]:
    """One line of the appendix as the documents write it."""
    file = f"{attachment.filename} ({attachment.file_type}, {filesizeformat(attachment.size)})"
    return (attachment.reference, attachment.subject, attachment.title, file, attachment.url)
