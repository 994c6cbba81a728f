from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.entry_admin import ClosedEntryReadOnly, OpenEntriesInline
from core.formatting import format_quantity
from measures.inputs import PlanInputsAdmin

from .models import (
    Indicator,
    Milestone,
    MilestoneYearStatus,
    PeriodTarget,
    SsoIdentity,
    YearResult,
    YearTarget,
)


class YearTargetInline(OpenEntriesInline, PlanInputsAdmin, admin.TabularInline):
    model = YearTarget
    extra = 0
    fields = ["year", "value", "comparator", "derivation", "status", "change_reason", "comment"]


class YearResultInline(OpenEntriesInline, PlanInputsAdmin, admin.TabularInline):
    model = YearResult
    extra = 0
    fields = ["year", "value", "bound", "as_of", "source", "status", "comment"]


class PeriodTargetInline(PlanInputsAdmin, admin.TabularInline):
    model = PeriodTarget
    extra = 0
    fields = ["label", "start_year", "end_year", "value", "comparator"]


@admin.register(Indicator)
class IndicatorAdmin(PlanInputsAdmin, SimpleHistoryAdmin):
    list_display = [
        "label",
        "row_reference",
        "kind",
        "direction",
        "unit",
        "plan_target_display",
        "is_headline",
    ]
    list_filter = ["kind", "direction", "is_headline", "report_row__ambition__axis"]
    search_fields = ["label", "unit", "report_row__title"]
    list_select_related = ["report_row__measure"]
    autocomplete_fields = ["report_row"]
    inlines = [YearTargetInline, YearResultInline, PeriodTargetInline]

    def get_queryset(self, request):
        return super().get_queryset(request).in_report_order()

    @admin.display(description=_("#"))
    def row_reference(self, indicator):
        return indicator.report_row.reference or "—"

    @admin.display(description=_("cible du plan"))
    def plan_target_display(self, indicator):
        return format_quantity(indicator.plan_target, indicator.unit_forms) or "—"


class ValueAdmin(ClosedEntryReadOnly, PlanInputsAdmin, SimpleHistoryAdmin):
    # The history view of each value lists who changed what, when, and lets an
    # administrator restore an earlier version.
    list_display = ["indicator", "year", "value_display", "status"]
    list_filter = ["status", "year", "indicator__kind", "indicator__report_row__ambition__axis"]
    search_fields = ["indicator__label"]
    list_select_related = ["indicator"]
    autocomplete_fields = ["indicator"]

    @admin.display(description=_("valeur"), ordering="value")
    def value_display(self, value_row):
        return format_quantity(value_row.value, value_row.indicator.unit_forms)


@admin.register(YearTarget)
class YearTargetAdmin(ValueAdmin):
    list_display = [*ValueAdmin.list_display, "comparator", "derivation", "change_reason"]


@admin.register(YearResult)
class YearResultAdmin(ValueAdmin):
    list_display = [*ValueAdmin.list_display, "bound", "as_of", "source", "producer"]


@admin.register(PeriodTarget)
class PeriodTargetAdmin(ValueAdmin):
    list_display = ["indicator", "label", "start_year", "end_year", "value_display"]
    list_filter = ["label", "indicator__kind"]
    history_list_display = ["value"]


class MilestoneYearStatusInline(OpenEntriesInline, PlanInputsAdmin, admin.TabularInline):
    model = MilestoneYearStatus
    extra = 0
    fields = ["year", "progress", "status", "note"]


@admin.register(Milestone)
class MilestoneAdmin(PlanInputsAdmin, SimpleHistoryAdmin):
    list_display = ["title", "row_reference", "planned_year", "due"]
    list_filter = ["planned_year", "statuses__progress", "report_row__ambition__axis"]
    search_fields = ["title", "report_row__title"]
    list_select_related = ["report_row__measure"]
    autocomplete_fields = ["report_row"]
    inlines = [MilestoneYearStatusInline]

    @admin.display(description=_("#"))
    def row_reference(self, milestone):
        return milestone.report_row.reference or "—"

    @admin.display(description=_("échéance"))
    def due(self, milestone):
        return milestone.due_date or milestone.due_label or "—"


@admin.register(MilestoneYearStatus)
class MilestoneYearStatusAdmin(ClosedEntryReadOnly, PlanInputsAdmin, SimpleHistoryAdmin):
    list_display = ["milestone", "year", "progress", "status"]
    list_filter = ["year", "progress", "status"]
    search_fields = ["milestone__title", "note"]
    list_select_related = ["milestone"]


@admin.register(SsoIdentity)
class SsoIdentityAdmin(admin.ModelAdmin):
    """Which account a provider's person reaches; delete a link to let the next login re-match."""

    list_display = ["user", "issuer", "subject", "created_at"]
    search_fields = ["user__username", "user__email", "subject"]
    list_select_related = ["user"]
    # Made by the sign-in only: an administrator reads or deletes a link, never forges one.
    readonly_fields = ["user", "issuer", "subject", "created_at"]

    def has_add_permission(self, request):
        return False
