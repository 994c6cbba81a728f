"""Two years side by side: what improved, what fell behind, what is new, with the figures.

Built from dashboard rows of published values only; how a value moved is
``indicators.series.compared``'s, read in each indicator's direction.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.formatting import format_quantity
from indicators import series
from indicators.dashboard.french_parts import french, mark_french_units
from indicators.dashboard.rows import IndicatorRow
from indicators.dashboard.sentences import point_result_text

MOVE_LABELS = {
    series.IMPROVED: gettext_lazy("en progrès"),
    series.FELL_BEHIND: gettext_lazy("en recul"),
    series.UNCHANGED: gettext_lazy("stable"),
    series.NEW: gettext_lazy("nouveau"),
    series.NOT_PUBLISHED: gettext_lazy("non publié"),
    series.NO_VALUES: gettext_lazy("aucune valeur"),
}
# A symbol beside each word, so that a move never rests on colour alone.
MOVE_SYMBOLS = {
    series.IMPROVED: "↗",
    series.FELL_BEHIND: "↘",
    series.UNCHANGED: "=",
    series.NEW: "+",
    series.NOT_PUBLISHED: "—",
    series.NO_VALUES: "○",
}
MINUS = "\u2212"
FIGURE = {"td": {"class": "figure"}}


@dataclass(frozen=True)
class ComparedIndicator:
    row: IndicatorRow
    earlier: Decimal | None
    later: Decimal | None
    move: str

    @property
    def change(self) -> Decimal | None:
        if self.earlier is None or self.later is None:
            return None
        return self.later - self.earlier


def _result(row: IndicatorRow, year: int) -> Decimal | None:
    return next((p.result for p in row.points if p.year == year), None)


def _target(row: IndicatorRow, year: int) -> Decimal | None:
    found = next((p.target for p in row.points if p.year == year), None)
    return found if found is not None else row.plan_target


def compared_indicators(rows, earlier_year: int, later_year: int) -> list[ComparedIndicator]:
    compared = []
    for row in rows:
        earlier, later = _result(row, earlier_year), _result(row, later_year)
        move = series.compared(row.direction, earlier, later, target=_target(row, later_year))
        compared.append(ComparedIndicator(row, earlier, later, move))
    return compared


def _counted(move: str, count: int, earlier: int, later: int) -> str:
    values = {"count": count, "earlier": earlier, "later": later}
    phrases = {
        series.IMPROVED: ngettext("%(count)d en progrès", "%(count)d en progrès", count),
        series.FELL_BEHIND: ngettext("%(count)d en recul", "%(count)d en recul", count),
        series.UNCHANGED: ngettext("%(count)d stable", "%(count)d stables", count),
        series.NEW: ngettext(
            "%(count)d nouveau en %(later)s", "%(count)d nouveaux en %(later)s", count
        ),
        series.NOT_PUBLISHED: ngettext(
            "%(count)d non publié en %(later)s", "%(count)d non publiés en %(later)s", count
        ),
        series.NO_VALUES: ngettext(
            "%(count)d sans valeur publiée ni en %(earlier)s ni en %(later)s",
            "%(count)d sans valeur publiée ni en %(earlier)s ni en %(later)s",
            count,
        ),
    }
    return phrases[move] % values


def move_counts(items, earlier: int, later: int) -> list[tuple[str, str]]:
    """(move, « 3 en progrès ») of each move that occurs, in the order of ``series.MOVES``."""
    counts = Counter(item.move for item in items)
    return [
        (move, _counted(move, counts[move], earlier, later))
        for move in series.MOVES
        if counts[move]
    ]


def move_badge(move: str) -> str:
    return format_html(
        '<span class="badge move-{}"><span aria-hidden="true">{}</span> {}</span>',
        move,
        MOVE_SYMBOLS[move],
        MOVE_LABELS[move],
    )


class ComparisonTable(tables.Table):
    """One line per indicator of an axis: its values of both years and how it moved."""

    label = tables.Column(verbose_name=gettext_lazy("Indicateur"), accessor="row__label")
    earlier = tables.Column(attrs=FIGURE, empty_values=())
    later = tables.Column(attrs=FIGURE, empty_values=())
    change = tables.Column(verbose_name=gettext_lazy("Écart"), attrs=FIGURE, empty_values=())
    move = tables.Column(verbose_name=gettext_lazy("Lecture"))

    class Meta:
        template_name = "includes/data_table.html"
        attrs = {"class": "data-table compact"}
        orderable = False

    row_header = "label"

    def __init__(self, data, *, earlier_year: int, later_year: int, caption: str, **kwargs):
        super().__init__(data, **kwargs)
        self.columns["earlier"].column.verbose_name = str(earlier_year)
        self.columns["later"].column.verbose_name = str(later_year)
        self.caption = caption
        self.years = {"earlier": earlier_year, "later": later_year}

    def render_label(self, value, record):
        if record.row.measure_number is None:
            return french(value)
        return format_html(
            "{} <small>({})</small>",
            french(value),
            _("mesure %(number)s") % {"number": record.row.measure_number},
        )

    @staticmethod
    def _figure(value, record, year: int):
        unit = record.row.unit
        if value is None:
            point = record.row.point(year)
            # A small count kept from readers is published: « moins de 5 », not « none ».
            if point is not None and point.withheld_below is not None:
                return mark_french_units(point_result_text(point, unit), unit)
            return format_html("<em>{}</em>", _("aucune valeur publiée"))
        return mark_french_units(format_quantity(value, unit), unit)

    def render_earlier(self, record):
        return self._figure(record.earlier, record, self.years["earlier"])

    def render_later(self, record):
        return self._figure(record.later, record, self.years["later"])

    def render_change(self, record):
        change = record.change
        if change is None:
            return "—"
        sign = "+" if change > 0 else (MINUS if change < 0 else "")
        # « +7 logements », « −2,5 % », « +€7 » in English.
        return mark_french_units(
            sign + format_quantity(abs(change), record.row.unit), record.row.unit
        )

    def render_move(self, value):
        return move_badge(value)
