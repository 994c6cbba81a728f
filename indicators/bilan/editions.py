"""Publishing a year's bilan as a frozen edition, and opening the next reporting year."""

import json

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.text_safety import refuse_invisible_characters
from indicators.bilan.export import export_bilan
from indicators.bilan.shaping import load_bilan
from indicators.bilan.sheets import commitment_headers
from indicators.bilan.tables import bilan_table
from indicators.bilan.writers import EXPORT_FORMATS
from indicators.dashboard.views import YEAR_PARAMETER
from indicators.models import BilanEdition, BilanEditionFile, EditionError
from measures.markup import markup_paragraphs
from measures.models import BilanEntry, Commitment, Plan, ReportingYear
from measures.plan_space import plan_addresses


def latest_edition(reporting_year: ReportingYear) -> BilanEdition | None:
    return reporting_year.editions.order_by("-number").first()


def publish_edition(year: int, *, user=None, note: str = "") -> BilanEdition:
    """Freeze the bilan of ``year`` as it is published now: its table, figures and files.

    Refused when nothing changed since the latest edition (publishing twice),
    when the year has no published text (the export says why), or when the
    note holds an invisible character, as every text typed in a form.
    """
    refuse_invisible_characters_in_note(note)
    with transaction.atomic():
        reporting_year = (
            ReportingYear.objects.select_for_update().select_related("plan").of_year(year).first()
        )
        if reporting_year is None:
            raise EditionError(_("L'année de bilan %(year)s n'existe pas.") % {"year": year})
        # Published from now on (undone with the rest if the edition is refused): the
        # files frozen below say « sans donnée » for a missing result, no longer
        # « en cours de collecte ».
        if reporting_year.published_on is None:
            reporting_year.published_on = timezone.localdate()
            reporting_year.save(update_fields=["published_on"])
        files = {fmt: export_bilan(year, fmt) for fmt in EXPORT_FORMATS}
        snapshot = json.loads(files["json"].content)
        previous = latest_edition(reporting_year)
        refuse_unchanged(previous, snapshot)
        # The edition reproduces the City's report: French, whoever publishes it.
        with translation.override("fr"), plan_addresses(reporting_year.plan.slug):
            # Its links name the plan's own pages, whichever plan is current when read.
            table_html = frozen_table_html(load_bilan(year))
        edition = BilanEdition.objects.create(
            reporting_year=reporting_year,
            number=(previous.number + 1) if previous else 1,
            published_at=timezone.now(),
            published_by=user,
            note=note,
            snapshot=snapshot,
            table_html=table_html,
        )
        for fmt, exported in files.items():
            BilanEditionFile.objects.create(
                edition=edition,
                format=fmt,
                filename=exported.filename,
                content_type=exported.content_type,
                content=exported.content,
            )
        return edition


def frozen_table_html(bilan) -> str:
    """The page's part of an edition: the bilan table, then the commitments if any.

    Its links to the measures keep the bilan's year, as on the live page: without
    it they would open on whatever year is newest when the edition is read.
    """
    context = {
        "table": bilan_table(bilan),
        "bilan": bilan,
        "selected_year": bilan.dashboard_year,
        "year_parameter": YEAR_PARAMETER,
        "commitment_headers": commitment_headers(),
    }
    return render_to_string("indicators/bilan/includes/tables.html", context)


def refuse_unchanged(previous, snapshot) -> None:
    """Publishing what the latest edition already holds is refused: nothing new to freeze."""
    if previous is not None and previous.snapshot == snapshot:
        raise EditionError(
            _(
                "Rien n'a changé depuis l'édition n° %(number)s du %(date)s : "
                "pas de nouvelle édition."
            )
            % {
                "number": previous.number,
                "date": timezone.localtime(previous.published_at).strftime("%d/%m/%Y"),
            }
        )


def refuse_invisible_characters_in_note(note: str) -> None:
    try:
        refuse_invisible_characters(note)
    except ValidationError as error:
        raise EditionError(
            _("Note d'édition : %(reason)s") % {"reason": error.messages[0]}
        ) from None


def open_reporting_year(plan: Plan, year: int) -> ReportingYear:
    """Open reporting year ``year``: the previous year's plan d'action becomes its commitments.

    Each paragraph of a row's published plan d'action (written in the bilan of
    ``year - 1``) becomes a commitment of that row, to be marked done, partly
    done or not done. The structure (axes, measures, rows, indicators,
    milestones) carries over as it is; the targets set for ``year`` are the
    ones reported against. Opening a year twice is refused.
    """
    if plan.is_archived:
        raise EditionError(
            _("Le plan « %(plan)s » est archivé : aucune année n'y est ouverte.") % {"plan": plan}
        )
    if year not in plan.years and year != plan.end_year + 1:
        raise EditionError(
            _("L'année %(year)s est hors de la période du plan (%(start)s-%(end)s).")
            % {"year": year, "start": plan.start_year, "end": plan.end_year}
        )
    with transaction.atomic():
        if ReportingYear.objects.filter(plan=plan, year=year).exists():
            raise EditionError(_("L'année de bilan %(year)s est déjà ouverte.") % {"year": year})
        try:
            with transaction.atomic():
                opened = ReportingYear.objects.create(plan=plan, year=year)
        except IntegrityError as error:
            raise EditionError(
                _("L'année de bilan %(year)s est déjà ouverte.") % {"year": year}
            ) from error
        previous_texts = BilanEntry.objects.published().filter(
            reporting_year__plan=plan, reporting_year__year=year - 1
        )
        commitments = [
            Commitment(
                reporting_year=opened,
                report_row_id=text.report_row_id,
                position=position,
                text=item,
            )
            for text in previous_texts
            for position, item in enumerate(markup_paragraphs(text.action_plan_text), start=1)
        ]
        # With their first history record, like every other change.
        bulk_create_with_history(commitments, Commitment)
        return opened
