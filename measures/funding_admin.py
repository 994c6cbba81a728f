"""The administration of partners and funding sources; yearly amounts are entered on the
entry page and reviewed in the queue, like every figure."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.entry_admin import ClosedEntryReadOnly

from .inputs import PlanInputsAdmin
from .models import FundingAmount, FundingSource, Partner


@admin.register(Partner)
class PartnerAdmin(PlanInputsAdmin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "siret"]
    list_filter = ["kind"]
    search_fields = ["name", "siret"]
    filter_horizontal = ["measures"]


@admin.register(FundingSource)
class FundingSourceAdmin(PlanInputsAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "row_reference", "report_row", "position"]
    list_filter = ["report_row__ambition__axis__plan", "funder"]
    search_fields = ["programme", "funder__name", "report_row__title"]
    list_select_related = ["funder", "report_row__measure"]
    autocomplete_fields = ["funder"]

    @admin.display(description=_("#"))
    def row_reference(self, source):
        return source.report_row.reference or "—"


@admin.register(FundingAmount)
class FundingAmountAdmin(ClosedEntryReadOnly, PlanInputsAdmin, SimpleHistoryAdmin):
    """To read and correct an amount; its state moves only through the review queue."""

    list_display = ["source", "year", "planned", "spent", "status"]
    list_filter = ["status", "year", "source__funder"]
    search_fields = ["source__programme", "source__funder__name", "comment"]
    list_select_related = ["source__funder", "source__report_row"]
    fields = ["source", "year", "planned", "spent", "comment", "status", "review_note"]
    readonly_fields = ["source", "year", "status", "review_note"]

    def has_add_permission(self, request):
        # An amount starts as a draft on the entry page, where its review begins.
        return False
