from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.entry_admin import ClosedEntryReadOnly, OpenEntriesInline

from .inputs import PlanInputsAdmin
from .markup import markup_to_plain_text
from .models import (
    Ambition,
    Axis,
    BilanEntry,
    CommitmentMark,
    GlossaryTerm,
    Measure,
    Plan,
    ReportingYear,
    ReportRow,
)


def short_text(text: str, length: int = 90) -> str:
    plain = markup_to_plain_text(text)
    return plain if len(plain) <= length else plain[: length - 1] + "…"


class AxisInline(PlanInputsAdmin, admin.TabularInline):
    model = Axis
    extra = 0
    fields = ["number", "title"]


@admin.register(Plan)
class PlanAdmin(PlanInputsAdmin, admin.ModelAdmin):
    list_display = ["title", "programme", "start_year", "end_year"]
    search_fields = ["title", "programme"]
    inlines = [AxisInline]


@admin.register(Axis)
class AxisAdmin(PlanInputsAdmin, admin.ModelAdmin):
    list_display = ["number", "title", "plan"]
    list_display_links = ["number", "title"]
    list_filter = ["plan"]
    search_fields = ["title", "summary"]


class ReportRowInline(PlanInputsAdmin, admin.TabularInline):
    model = ReportRow
    extra = 0
    fields = ["position", "measure", "letter", "title"]
    autocomplete_fields = ["measure"]


@admin.register(Ambition)
class AmbitionAdmin(PlanInputsAdmin, admin.ModelAdmin):
    list_display = ["axis", "position", "summary", "row_references"]
    list_filter = ["axis__plan", "axis"]
    search_fields = ["text"]
    inlines = [ReportRowInline]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("axis").prefetch_related("rows__measure")
        )

    @admin.display(description=_("ambition"))
    def summary(self, ambition):
        return short_text(ambition.text)

    @admin.display(description=_("lignes du bilan"))
    def row_references(self, ambition):
        return ", ".join(row.reference or "—" for row in ambition.rows.all())


@admin.register(Measure)
class MeasureAdmin(PlanInputsAdmin, admin.ModelAdmin):
    list_display = ["number", "title", "axis", "editor_names"]
    filter_horizontal = ["editors"]
    list_display_links = ["number", "title"]
    list_filter = ["axis__plan", "axis"]
    search_fields = ["title", "number"]
    list_select_related = ["axis"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("editors")

    @admin.display(description=_("agents de saisie"))
    def editor_names(self, measure):
        return ", ".join(user.get_username() for user in measure.editors.all()) or "—"


class BilanEntryInline(OpenEntriesInline, PlanInputsAdmin, admin.StackedInline):
    model = BilanEntry
    extra = 0
    fields = ["reporting_year", "status", "bilan_text", "action_plan_text", "final_text"]


@admin.register(ReportRow)
class ReportRowAdmin(PlanInputsAdmin, admin.ModelAdmin):
    list_display = ["reference_label", "title", "axis_label", "ambition_summary"]
    list_filter = ["ambition__axis__plan", "ambition__axis"]
    search_fields = ["title", "ambition__text"]
    list_select_related = ["measure", "ambition__axis"]
    autocomplete_fields = ["measure"]
    inlines = [BilanEntryInline]

    def get_queryset(self, request):
        return super().get_queryset(request).in_report_order()

    @admin.display(description=_("#"))
    def reference_label(self, row):
        return row.reference or "—"

    @admin.display(description=_("axe"))
    def axis_label(self, row):
        return row.ambition.axis.number

    @admin.display(description=_("ambition"))
    def ambition_summary(self, row):
        return short_text(row.ambition.text, 60)


@admin.register(ReportingYear)
class ReportingYearAdmin(PlanInputsAdmin, SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "plan",
        "year",
        "collection_opens_on",
        "collection_closes_on",
        "validation_deadline",
        "planned_publication_on",
        "published_on",
    ]
    list_filter = ["plan"]


@admin.register(BilanEntry)
class BilanEntryAdmin(ClosedEntryReadOnly, PlanInputsAdmin, SimpleHistoryAdmin):
    list_display = ["reporting_year", "row_reference", "row_title", "bilan_summary", "status"]
    list_filter = ["status", "reporting_year", "report_row__ambition__axis"]
    search_fields = ["bilan_text", "action_plan_text", "final_text", "report_row__title"]
    list_select_related = ["reporting_year", "report_row__measure"]

    @admin.display(description=_("#"))
    def row_reference(self, entry):
        return entry.report_row.reference or "—"

    @admin.display(description=_("ligne"))
    def row_title(self, entry):
        return entry.report_row.title

    @admin.display(description=_("bilan"))
    def bilan_summary(self, entry):
        return short_text(entry.bilan_text, 70)


@admin.register(CommitmentMark)
class CommitmentMarkAdmin(ClosedEntryReadOnly, PlanInputsAdmin, SimpleHistoryAdmin):
    """To read and correct a mark; its state moves only through the review queue."""

    list_display = ["commitment", "outcome", "status"]
    list_filter = ["status", "outcome", "commitment__reporting_year"]
    search_fields = ["commitment__text", "comment"]
    list_select_related = ["commitment__reporting_year", "commitment__report_row__measure"]
    fields = ["commitment", "outcome", "comment", "status", "review_note", "published_at"]
    readonly_fields = ["commitment", "status", "review_note", "published_at"]

    def has_add_permission(self, request):
        # A mark starts as a draft on the entry page, where its review begins.
        return False


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(PlanInputsAdmin, SimpleHistoryAdmin):
    """The acronyms every page explains; an edit shows on every page at once."""

    list_display = ["acronym", "expansion", "has_definition", "source"]
    search_fields = ["acronym", "expansion", "definition"]
    fields = ["acronym", "expansion", "definition", "source"]

    @admin.display(description=_("définition"), boolean=True)
    def has_definition(self, term):
        return bool(term.definition)


# Partners and funding sources have their own module; importing it registers them.
from . import funding_admin  # noqa: E402, F401
