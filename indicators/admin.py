from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.entry_admin import ClosedEntryReadOnly, OpenEntriesInline
from core.formatting import format_quantity
from core.views import file_response
from measures import admin as measures_admin
from measures.inputs import PlanInputsAdmin
from measures.models import Plan

from . import plans
from .models import (
    Indicator,
    Milestone,
    MilestoneYearStatus,
    PeriodTarget,
    SsoIdentity,
    WorkbookImport,
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
    list_filter = ["kind", "direction", "is_headline", "is_sensitive", "report_row__ambition__axis"]
    search_fields = ["label", "unit", "report_row__title"]
    # Set when « chiffres sensibles » is ticked: a bilan published before it stays as is.
    readonly_fields = ["sensitive_since"]
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


@admin.register(WorkbookImport)
class WorkbookImportAdmin(admin.ModelAdmin):
    """Every workbook sent for import, as sent: read, downloaded, never changed nor deleted."""

    list_display = [
        "file_name",
        "year",
        "measure_number",
        "uploaded_by",
        "uploaded_at",
        "state",
        "changed",
        "unchanged",
        "problems",
    ]
    list_filter = ["state", "year"]
    search_fields = ["file_name", "sha256", "uploaded_by__username"]
    list_select_related = ["uploaded_by"]
    fields = readonly_fields = [
        "file_name",
        "download",
        "sha256",
        "plan",
        "year",
        "measure_number",
        "row",
        "uploaded_by",
        "uploaded_at",
        "state",
        "imported_at",
        "changed",
        "unchanged",
        "problems",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("fichier"))
    def download(self, obj):
        url = reverse("admin:indicators_workbookimport_file", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Télécharger le fichier envoyé"))

    def get_urls(self):
        file_view = self.admin_site.admin_view(self.file)
        return [
            path("<int:pk>/fichier/", file_view, name="indicators_workbookimport_file"),
            *super().get_urls(),
        ]

    def file(self, request, pk: int):
        if not self.has_view_permission(request):
            raise PermissionDenied
        sent = get_object_or_404(WorkbookImport, pk=pk)
        return file_response(bytes(sent.content), "application/octet-stream", sent.file_name)


# The plans' admin, with what needs the indicators: copying a plan's structure into its
# successor, marking the current plan, archiving one.
admin.site.unregister(Plan)


@admin.register(Plan)
class PlanAdmin(measures_admin.PlanAdmin):
    list_display = ["title", "start_year", "end_year", "slug", "is_current", "archived_on"]
    actions = ["copy_as_successor", "mark_current", "archive_plans"]

    def get_readonly_fields(self, request, obj=None):
        # Its address names it in editions, exports and links: set once, at creation.
        readonly = ["is_current", "archived_on"]
        return [*readonly, "slug"] if obj is not None else readonly

    @admin.action(description=_("Créer le plan suivant par copie de la structure"))
    def copy_as_successor(self, request, queryset):
        for source in queryset:
            start, end = plans.successor_period(source)
            successor = plans.copy_plan_structure(
                source, title=source.title, start_year=start, end_year=end
            )
            self.message_user(
                request,
                _(
                    "« %(successor)s » est créé, à l'adresse /plans/%(slug)s/, avec les axes, "
                    "mesures, lignes et indicateurs de « %(source)s », sans aucun chiffre "
                    "ni jalon. Il n'est pas le plan en cours : le site montre toujours le même."
                )
                % {"successor": successor, "slug": successor.slug, "source": source},
                messages.SUCCESS,
            )

    @admin.action(description=_("Marquer comme plan en cours"))
    def mark_current(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choisissez un seul plan."), messages.ERROR)
            return
        plan = queryset.get()
        plans.make_current(plan)
        self.message_user(
            request,
            _("« %(plan)s » est le plan en cours : les adresses du site sans /plans/ le montrent.")
            % {"plan": plan},
            messages.SUCCESS,
        )

    @admin.action(description=_("Archiver (lecture seule)"))
    def archive_plans(self, request, queryset):
        for plan in queryset:
            try:
                plans.archive(plan, timezone.localdate())
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("« %(plan)s » est archivé : il se lit toujours, il ne se saisit plus.")
                    % {"plan": plan},
                    messages.SUCCESS,
                )
