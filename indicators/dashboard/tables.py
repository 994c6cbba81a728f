"""django-tables2 tables of the dashboard. Only table classes live here.

``render_<col>`` writes a cell for the page (French figures); ``value_<col>``
gives the raw value for exports.
"""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.formatting import format_quantity, format_ratio
from indicators.dashboard.sentences import STATUS_LABELS, STATUS_SYMBOLS


def status_badge(status: str) -> str:
    return format_html(
        '<span class="badge status-{}"><span aria-hidden="true">{}</span> {}</span>',
        status,
        STATUS_SYMBOLS[status],
        STATUS_LABELS[status],
    )


class IndicatorTable(tables.Table):
    """The indicators of a page, for the selected year. Rows are ``IndicatorRow``."""

    row_header = "label"

    def __init__(self, data, *, caption: str = "", **kwargs):
        super().__init__(data, **kwargs)
        self.caption = caption

    row_reference = tables.Column(verbose_name="#", order_by=("sort_reference",))
    label = tables.Column(verbose_name=_("Indicateur"))
    result = tables.Column(
        verbose_name=_("Résultat"), accessor="selected_result", order_by=("sort_result",)
    )
    target = tables.Column(
        verbose_name=_("Objectif"), accessor="selected_target", order_by=("sort_target",)
    )
    plan_target = tables.Column(
        verbose_name=_("Cible du plan"), order_by=("sort_plan_target",), empty_values=()
    )
    progress = tables.Column(
        verbose_name=_("Avancement"), accessor="status_ratio", order_by=("sort_ratio",)
    )
    status = tables.Column(verbose_name=_("Statut"), order_by=("sort_status",))

    @classmethod
    def is_sort_value(cls, value: str) -> bool:
        """One of the columns, ascending or descending (« -result »): what a sort link asks."""
        return value.removeprefix("-") in cls.base_columns

    class Meta:
        template_name = "includes/data_table.html"
        attrs = {"class": "data-table"}
        orderable = True
        empty_text = _("Aucun indicateur.")

    def render_row_reference(self, value, record):
        if record.measure_number is None:
            return "—"
        url = reverse("indicators:measure", args=[record.measure_number])
        return format_html('<a href="{}">{}</a>', url, value)

    def render_label(self, value, record):
        return format_html('<a href="#indicateur-{}">{}</a>', record.pk, value)

    def render_result(self, value, record):
        return format_quantity(value, record.unit)

    def render_target(self, value, record):
        return format_quantity(value, record.unit)

    def render_plan_target(self, value, record):
        if value is not None:
            return format_quantity(value, record.unit)
        # Targets set over another period (DAP 2023-2028, Stratégie 2035) say so.
        others = [
            f"{format_quantity(target.value, record.unit)} ({target.label})"
            for target in record.period_targets
        ]
        return "; ".join(others) or "—"

    def value_plan_target(self, value, record):
        return value

    def render_progress(self, value):
        return format_ratio(value) or "—"

    def render_status(self, value):
        return status_badge(value)

    def value_status(self, value):
        return str(STATUS_LABELS[value])


class YearPointTable(tables.Table):
    """The yearly targets and results of one indicator. Rows are ``YearPoint``."""

    year = tables.Column(verbose_name=_("Année"))
    target = tables.Column(verbose_name=_("Objectif"))
    result = tables.Column(verbose_name=_("Résultat"))
    as_of = tables.DateColumn(verbose_name=_("Valeur au"), format="j F Y")
    source = tables.Column(verbose_name=_("Source"))
    comment = tables.Column(verbose_name=_("Commentaire"))

    class Meta:
        template_name = "includes/data_table.html"
        attrs = {"class": "data-table compact"}
        orderable = False
        empty_text = _("Ni objectif ni résultat enregistré.")

    row_header = "year"

    def __init__(self, data, *, unit: str, caption: str = "", **kwargs):
        super().__init__(data, **kwargs)
        self.unit = unit
        self.caption = caption

    def render_target(self, value, record):
        prefix = _("au moins ") if record.target_comparator == "at_least" else ""
        if record.target_comparator == "at_most":
            prefix = _("au plus ")
        return f"{prefix}{format_quantity(value, self.unit)}"

    def render_result(self, value):
        return format_quantity(value, self.unit)


class BulletTable(tables.Table):
    """What an overview bullet draws: its value and target, each named with its year.

    Rows are the dicts of ``headline.bullet_table_rows``.
    """

    label = tables.Column(verbose_name=_("Donnée"))
    value = tables.Column(verbose_name=_("Valeur"))

    class Meta:
        template_name = "includes/data_table.html"
        attrs = {"class": "data-table compact"}
        orderable = False

    row_header = "label"

    def __init__(self, data, *, caption: str = "", **kwargs):
        super().__init__(data, **kwargs)
        self.caption = caption
