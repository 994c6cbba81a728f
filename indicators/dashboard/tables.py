"""django-tables2 tables of the dashboard. Only table classes live here.

``render_<col>`` writes a cell for the page (French figures); ``value_<col>``
gives the raw value for exports.
"""

from dataclasses import replace

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.formatting import format_quantity, format_ratio
from indicators.dashboard.french_parts import french, french_parts_of, mark_french_units
from indicators.dashboard.provenance import provenance_text
from indicators.dashboard.sentences import (
    STATUS_LABELS,
    STATUS_SYMBOLS,
    point_result_text,
)
from indicators.dashboard.wording import (
    baseline_label,
    change_label,
    derived_note,
    signed_percent,
    target_text,
)

# Short figures stay on one line; prose (labels, sources, comments) wraps.
FIGURE = {"td": {"class": "figure"}}
PROSE = {"td": {"class": "prose"}}


def target_cell(point, unit) -> str:
    """A yearly target; a derived one gets « déduit : … » on a line of its own."""
    words = target_text(point.target, point.target_comparator, unit)
    if not point.target_derivation:
        return words
    return format_html(
        '{}<br><small class="derived">{}</small>', words, derived_note(point.target_derivation)
    )


def reference_text(row) -> str:
    """The indicator's baseline or cited change, or '' (« −30 % depuis 2008 »)."""
    parts = []
    if row.reference_change is not None:
        parts.append(
            gettext("%(change)s depuis %(year)s")
            % {"change": signed_percent(row.reference_change), "year": row.baseline_year}
        )
    if row.baseline is not None:
        when = row.baseline_year or gettext("année non précisée")
        parts.append(f"{format_quantity(row.baseline, row.unit)} ({when})")
    return " ; ".join(parts)


def labelled_lines(lines) -> str:
    """« Objectif : … » and « Résultat : … », one a line; the texts are the plan's French."""
    return format_html_join(
        mark_safe("<br>"),
        "{}",
        (
            (format_html(gettext("{name} : {text}"), name=name, text=french(text)),)
            for name, text in lines
        ),
    )


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
    label = tables.Column(verbose_name=_("Indicateur"), attrs={"th": {"class": "label"}})
    result = tables.Column(
        verbose_name=_("Résultat"),
        accessor="selected_result",
        order_by=("sort_result",),
        attrs=FIGURE,
        # A withheld small count has no value but reads « moins de 5 ».
        empty_values=(),
    )
    target = tables.Column(
        verbose_name=_("Objectif"),
        accessor="selected_target",
        order_by=("sort_target",),
        attrs=PROSE,
    )
    plan_target = tables.Column(
        verbose_name=_("Cible du plan"),
        order_by=("sort_plan_target",),
        empty_values=(),
        attrs=PROSE,
    )
    reference = tables.Column(
        verbose_name=_("Référence"), accessor="pk", orderable=False, attrs=PROSE
    )
    progress = tables.Column(
        verbose_name=_("Avancement"),
        accessor="status_ratio",
        order_by=("sort_ratio",),
        attrs=FIGURE,
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
        # The row header (the indicator) comes first: a header cell names the cells
        # after it in its row (HTML's table model, RGAA 5.7), the measure's number too.
        sequence = ("label", "...")

    def render_row_reference(self, value, record):
        if record.measure_number is None:
            return "—"
        url = reverse("indicators:measure", args=[record.measure_number])
        # The column shows the number; the link's name says which measure (RGAA 6.1):
        # « Mesure 1, Louez solidaire et sans risque », the title in French whatever
        # the page's language (a comma: the same punctuation in both languages).
        return format_html(
            '<a href="{}"><span class="visually-hidden">{} </span>{}'
            '<span class="visually-hidden">, <span lang="fr">{}</span></span></a>',
            url,
            gettext("Mesure"),
            value,
            record.measure_title,
        )

    def render_label(self, value, record):
        # The plan's labels exist in French only (lang="fr" on English pages).
        return format_html('<a href="#indicateur-{}" lang="fr">{}</a>', record.pk, value)

    def render_result(self, value, record):
        point = record.selected_point
        if not shows_a_result(point):
            return self.columns["result"].default
        return mark_french_units(point_result_text(point, record.unit), record.unit)

    def value_result(self, value, record):
        return value

    def render_target(self, value, record):
        return mark_french_units(
            target_cell(record.selected_point, record.unit),
            record.unit,
            [record.selected_point.target_derivation],
        )

    def value_target(self, value, record):
        return value

    def render_reference(self, value, record):
        return mark_french_units(reference_text(record), record.unit) or "—"

    def value_reference(self, value, record):
        return reference_text(record)

    def render_plan_target(self, value, record):
        if value is not None:
            return mark_french_units(format_quantity(value, record.unit), record.unit)
        # Targets set over another period (DAP 2023-2028, Stratégie 2035) say so.
        others = [
            f"{format_quantity(target.value, record.unit)} ({target.label})"
            for target in record.period_targets
        ]
        return mark_french_units("; ".join(others), record.unit, french_parts_of(record)) or "—"

    def value_plan_target(self, value, record):
        return value

    def render_progress(self, value):
        return format_ratio(value) or "—"

    def render_status(self, value):
        return status_badge(value)

    def value_status(self, value):
        return str(STATUS_LABELS[value])


def shows_a_result(point) -> bool:
    """Whether a year's result cell has something to say: a value, or « moins de 5 »."""
    return point is not None and (point.result is not None or point.withheld_below is not None)


class YearPointTable(tables.Table):
    """The yearly targets and results of one indicator, each with where it comes from.

    Rows are ``YearPoint``. A result the source gives as a bound reads « plus de
    20 »; a derived target says how; the source cell gives, for each figure,
    producer, document, place in it and the date of the value.
    """

    year = tables.Column(verbose_name=_("Année"))
    target = tables.Column(verbose_name=_("Objectif"), attrs=PROSE)
    result = tables.Column(verbose_name=_("Résultat"), attrs=PROSE, empty_values=())
    source = tables.Column(verbose_name=_("Source"), empty_values=(), attrs=PROSE)
    comment = tables.Column(verbose_name=_("Commentaire"), empty_values=(), attrs=PROSE)

    class Meta:
        template_name = "includes/data_table.html"
        attrs = {"class": "data-table compact"}
        orderable = False
        empty_text = _("Ni objectif ni résultat annuel enregistré.")

    row_header = "year"

    def __init__(self, data, *, unit: str, caption: str = "", **kwargs):
        super().__init__(data, **kwargs)
        self.unit = unit
        self.caption = caption

    def render_target(self, value, record):
        return mark_french_units(
            target_cell(record, self.unit), self.unit, [record.target_derivation]
        )

    def render_result(self, value, record):
        if not shows_a_result(record):
            return self.columns["result"].default
        return mark_french_units(point_result_text(record, self.unit), self.unit)

    def render_source(self, record):
        lines = [
            (name, provenance_text(provenance))
            for name, value, provenance in (
                (gettext("Objectif"), record.target, record.target_provenance),
                (gettext("Résultat"), record.result, record.result_provenance),
            )
            if value is not None and provenance
        ]
        return labelled_lines(lines) or "—"

    def render_comment(self, record):
        lines = [
            (name, text)
            for name, text in (
                (gettext("Objectif"), record.target_comment),
                (gettext("Résultat"), record.comment),
            )
            if text
        ]
        if len(lines) == 1:
            return french(lines[0][1])
        return labelled_lines(lines) or "—"


class ReferenceTable(tables.Table):
    """An indicator's own figures (plan target, baseline, cited change, targets over
    another period), each with its provenance. Rows are ``reference_lines``' dicts."""

    label = tables.Column(verbose_name=_("Donnée"))
    value = tables.Column(verbose_name=_("Valeur"), attrs=PROSE)
    source = tables.Column(verbose_name=_("Source"), attrs=PROSE)

    class Meta:
        template_name = "includes/data_table.html"
        attrs = {"class": "data-table compact"}
        orderable = False

    row_header = "label"

    def __init__(self, data, *, caption: str = "", **kwargs):
        super().__init__(data, **kwargs)
        self.caption = caption


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

    def __init__(self, data, *, caption: str = "", unit: str = "", french_parts=(), **kwargs):
        super().__init__(data, **kwargs)
        self.caption = caption
        # The unit and the plan's words (a derivation) are marked French on English pages.
        self.unit = unit
        self.french_parts = list(french_parts)

    def render_value(self, value):
        return mark_french_units(value, self.unit, self.french_parts)


def reference_lines(row) -> list[dict]:
    """The indicator's own figures for ``ReferenceTable``: label, value and source."""
    own = row.provenance
    lines = []
    if row.plan_target is not None:
        lines.append(
            (
                gettext("Cible %(year)s") % {"year": row.plan_end_year},
                target_text(row.plan_target, row.plan_target_comparator, row.unit),
                replace(own, as_of=None),
            )
        )
    if row.baseline is not None:
        lines.append(
            (
                baseline_label(row.baseline_year),
                format_quantity(row.baseline, row.unit),
                replace(own, as_of=row.baseline_year or gettext("année non précisée")),
            )
        )
    if row.reference_change is not None:
        lines.append(
            (
                change_label(row.baseline_year),
                signed_percent(row.reference_change),
                replace(own, as_of=gettext("date de la mesure non précisée")),
            )
        )
    lines += [
        (
            gettext("Objectif %(label)s") % {"label": period.label},
            target_text(period.value, period.comparator, row.unit),
            period.provenance,
        )
        for period in row.period_targets
    ]
    # The periods, units and sources are the plan's French words (RGAA 8.7).
    periods = [period.label for period in row.period_targets]
    return [
        {
            "label": mark_french_units(label, "", periods),
            "value": mark_french_units(value, row.unit),
            "source": french(provenance_text(provenance)) or "—",
        }
        for label, value, provenance in lines
    ]
