"""What the entry page shows: results and targets for N and N+1, milestone statuses,
bilan texts with their preview, commitments, funding amounts, a save's conflict, and the message
of the last save next to the form it was about.

A few named queries fetch the scope's entries (their count is pinned by the
tests); the shapers of ``slots`` turn each thing to fill into a form and its ``EntrySlot``.
"""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from indicators import access
from indicators.entry import exchanges
from indicators.entry.attachments import fill_attachments
from indicators.entry.breakdowns import breakdown_slot, figures_of
from indicators.entry.campaign import banner_parts, campaign_of, missing_is_late
from indicators.entry.funding import funding_slot, sources_with_amounts
from indicators.entry.scopes import YEAR_PARAMETER, entry_years
from indicators.entry.slots import (
    SHOWN_STATUSES,
    Posted,
    anchor_for,
    commitment_slot,
    indicator_slot,
    milestone_slot,
    notice_anchor,
    text_slot,
)
from indicators.entry.upload_form import WorkbookUploadForm
from indicators.models import Indicator, Milestone, MilestoneYearStatus, YearResult, YearTarget
from measures.models import BilanEntry, Commitment, CommitmentMark, ReportingYear

# The collection workbook's formats, as the page's download links name them.
WORKBOOK_LABELS = (("xlsx", _("Excel (XLSX)")), ("ods", _("OpenDocument (ODS)")))

# Named here too: the modules that read the entry page's anchors import them from it.
__all__ = ["SHOWN_STATUSES", "anchor_for", "notice_anchor", "render_entry_page"]


def messages_by_anchor(request) -> dict:
    """The request's messages, by the anchor of the form they are about ('' for none)."""
    grouped = {}
    for message in messages.get_messages(request):
        grouped.setdefault(message.extra_tags or "", []).append(message)
    return grouped


# --- Queries ----------------------------------------------------------------------------


def indicators_with_values(row_ids, years) -> list:
    """The rows' indicators, each with its shown targets and results for ``years``."""
    value_filter = {"year__in": years, "status__in": SHOWN_STATUSES}
    return list(
        Indicator.objects.filter(report_row__in=row_ids)
        .select_related("report_row__measure")
        .prefetch_related(
            Prefetch("year_targets", queryset=YearTarget.objects.filter(**value_filter)),
            Prefetch("year_results", queryset=YearResult.objects.filter(**value_filter)),
        )
        .order_by("report_row__position", "position")
    )


def milestones_with_statuses(row_ids, years) -> list:
    """The rows' milestones, each with its shown statuses for ``years``."""
    value_filter = {"year__in": years, "status__in": SHOWN_STATUSES}
    return list(
        Milestone.objects.filter(report_row__in=row_ids)
        .select_related("report_row__measure")
        .prefetch_related(
            Prefetch("statuses", queryset=MilestoneYearStatus.objects.filter(**value_filter))
        )
        .order_by("report_row__position", "planned_year", "position")
    )


def bilan_entries(plan, row_ids, year):
    """(texts, commitments, reporting year) of the rows for the bilan of ``year``."""
    # The reporting year comes with its texts or its commitments; asked on its own
    # only when the year has neither.
    year_filter = {"reporting_year__plan": plan, "reporting_year__year": year}
    texts = list(
        BilanEntry.objects.filter(
            report_row__in=row_ids, status__in=SHOWN_STATUSES, **year_filter
        ).select_related("reporting_year")
    )
    commitments = list(
        Commitment.objects.filter(report_row__in=row_ids, **year_filter)
        .select_related("reporting_year")
        .prefetch_related(
            Prefetch("marks", queryset=CommitmentMark.objects.filter(status__in=SHOWN_STATUSES))
        )
    )
    known = [entry.reporting_year for entry in (*texts, *commitments)]
    reporting_year = (
        known[0] if known else ReportingYear.objects.filter(plan=plan, year=year).first()
    )
    return texts, commitments, reporting_year


def page_slots(context) -> list:
    """Every slot of the page's context."""
    return [
        *(slot for _i, slots in context["indicator_blocks"] for slot in slots),
        *(slot for _m, slot in context["milestone_blocks"]),
        *(slot for _r, _c, slot in context["text_blocks"]),
        *(slot for _r, commitments, _s in context["text_blocks"] for _c, slot in commitments),
        *(slot for _f, slot in context["funding_blocks"]),
        *(slot for _i, slot in context["breakdown_blocks"]),
    ]


def missing_count(indicator_blocks, milestone_blocks, text_blocks) -> int:
    """How many things on the page are still to fill."""
    count = sum(slot.missing for _i, slots in indicator_blocks for slot in slots)
    count += sum(slot.missing for _m, slot in milestone_blocks)
    count += sum(slot.missing for _r, _c, slot in text_blocks)
    count += sum(slot.missing for _r, marks, _s in text_blocks for _c, slot in marks)
    return count


# --- The page ---------------------------------------------------------------------------


def entry_context(request, plan, rows, year, *, title, posted: Posted) -> dict:
    """Everything the entry page shows; ``posted`` puts back what a POST brought."""
    years = entry_years(plan, year)
    row_ids = [row.pk for row in rows]
    indicators = indicators_with_values(row_ids, years)
    milestones = milestones_with_statuses(row_ids, years)
    texts, commitments, reporting_year = bilan_entries(plan, row_ids, year)
    indicator_blocks = [
        (indicator, [indicator_slot(indicator, y, year, posted) for y in years])
        for indicator in indicators
    ]
    milestone_blocks = [(m, milestone_slot(m, year, posted)) for m in milestones]
    text_blocks = [
        (
            row,
            [
                (c, commitment_slot(c, row, posted))
                for c in commitments
                if c.report_row_id == row.pk
            ],
            text_slot(row, texts, reporting_year, plan, posted),
        )
        for row in (rows if reporting_year is not None else [])
    ]
    funding_blocks = [
        (source, funding_slot(source, year, posted))
        for source in sources_with_amounts(row_ids, year)
    ]
    figures = figures_of(indicators, year)
    breakdown_blocks = [
        (indicator, breakdown_slot(indicator, figures[indicator.pk], year, posted))
        for indicator in indicators
        if indicator.pk in figures
    ]
    blocks = {
        "indicator_blocks": indicator_blocks,
        "milestone_blocks": milestone_blocks,
        "text_blocks": text_blocks,
        "funding_blocks": funding_blocks,
        "breakdown_blocks": breakdown_blocks,
    }
    slots = page_slots(blocks)
    # Every thread of the page in one query.
    exchanges.fill_threads([t for slot in slots for t in slot.threads], posted.notices)
    return {
        "plan": plan,
        "title": title,
        "selected_year": year,
        "plan_years": list(plan.years),
        "year_parameter": YEAR_PARAMETER,
        "entry_years": years,
        "reporting_year": reporting_year,
        "indicator_blocks": indicator_blocks,
        "milestone_blocks": milestone_blocks,
        "text_blocks": text_blocks,
        "funding_blocks": funding_blocks,
        "breakdown_blocks": breakdown_blocks,
        "missing_count": missing_count(indicator_blocks, milestone_blocks, text_blocks),
        "can_review": access.can_review(request.user),
    }


def render_entry_page(request, plan, scope, year, *, bound=None, conflict=None, preview=None):
    """The scope's entry page for ``year``; after a POST, 400 with the typed forms,
    409 with a conflict, 200 with a preview."""
    notices = messages_by_anchor(request)
    posted = Posted(bound=bound or {}, conflict=conflict, preview=preview, notices=notices)
    context = entry_context(request, plan, scope.rows, year, title=scope.title, posted=posted)
    context["scope"] = scope
    context["workbook_formats"] = WORKBOOK_LABELS
    context["import_form"] = WorkbookUploadForm(auto_id="import_%s")
    # The year's reporting year came with the page's texts: the banner costs no query.
    campaign = (
        campaign_of(plan, year, context["reporting_year"]) if context["reporting_year"] else None
    )
    context["campaign_banner"], context["late"] = banner_parts(campaign), missing_is_late(campaign)
    # A message about a form of the page is shown in that form; the others, at the top.
    slots = page_slots(context)
    # Every pièce justificative of the page's entries, in one query.
    fill_attachments(slots)
    shown = {slot.anchor for slot in slots} | {t.anchor for s in slots for t in s.threads}
    context["messages"] = [
        m for anchor, group in notices.items() if anchor not in shown for m in group
    ]
    status = 409 if conflict else 400 if bound and not preview else 200
    # The page's title then starts with « Erreur », the first thing a screen reader says.
    context["page_has_errors"] = status != 200
    return render(request, "indicators/entry/form.html", context, status=status)
