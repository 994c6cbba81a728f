"""The overview's headline bullets: one value as a bar, its target as a diamond.

What a bullet shows, decided here without the database (``headline_svg`` draws it). A
bar is only ever drawn against a target of the same year, or against the plan's target
for a stock (a cumulative count or a level, whose value is read against the plan). A
next year's target is said by the card's sentence, never drawn on the bar: 73 captured
in 2022 against 75 to capture in 2023 is two points of a series, not a ratio.

What the bullet shows is decided once, by ``headline_bullet``; the drawing and
the card's data table are both made from it, so they cannot disagree.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from core.formatting import french_spacing
from indicators import progress
from indicators.dashboard.chart_style import (
    PLAN_TARGET_COLOR,
    YEAR_TARGET_COLOR,
)
from indicators.dashboard.rows import IndicatorRow, YearPoint
from indicators.dashboard.sentences import STOCK_KINDS, status_label
from indicators.dashboard.wording import result_text, target_text, with_derivation, withheld_text
from indicators.models import ResultBound


@dataclass(frozen=True)
class Bullet:
    """What a headline bullet draws, each value with the words that name it."""

    value: Decimal | None
    value_label: str
    unit: str = ""
    # « plus de 20 »: the source gives a bound, not the figure.
    value_bound: str = ResultBound.EXACT.value
    target: Decimal | None = None
    target_comparator: str = progress.EXACTLY
    # Blank when the source states the target; else how it is derived.
    target_derivation: str = ""
    # « Objectif 2022 », « Cible 2026 ».
    target_name: str = ""
    target_color: str = YEAR_TARGET_COLOR
    # Said in place of the bar when there is no value (« Aucune donnée »), and in
    # the table (« en cours de collecte »).
    missing_text: str = ""
    missing_word: str = ""
    # Written on the bar: the figure, and its year when older than the year shown.
    value_text: str = ""

    @property
    def target_label(self) -> str:
        """« Objectif 2023 : au moins 11 »: the figure without its noun, short enough for a card.

        A derived target says so (« 11 (déduit) »); its derivation is in the card's table.
        """
        words = target_text(self.target, self.target_comparator, self.unit, with_noun=False)
        if self.target_derivation:
            words = _("%(target)s (déduit)") % {"target": words}
        return french_spacing(
            _("%(name)s : %(target)s") % {"name": self.target_name, "target": words}
        )

    @property
    def value_figure(self) -> str:
        """The value without its counted noun (« plus de 20 », « 20 % »): with the card's
        title, enough for a mark's label, and in no other language than the page's."""
        return result_text(self.value, self.value_bound, self.unit, with_noun=False)

    @property
    def value_words(self) -> str:
        """The value with its unit, « plus de » kept: « plus de 20 professionnels »."""
        return result_text(self.value, self.value_bound, self.unit)


def _latest_result_year(row: IndicatorRow) -> int:
    return max(
        (p.year for p in row.points if p.result is not None and p.year <= row.selected_year),
        default=row.selected_year,
    )


def _missing(row: IndicatorRow) -> dict:
    """What replaces a missing bar: the figure's words and the table's."""
    if row.year.status in (progress.IN_COLLECTION, progress.NOT_DUE):
        word = status_label(row.year.status)
        text = _("Résultat %(year)s %(status)s") % {"year": row.selected_year, "status": word}
        return {"missing_text": text, "missing_word": word}
    point = row.point(row.selected_year)
    if point is not None and point.withheld_below is not None:
        # A small count kept from readers is not « no data »: « moins de 5 ».
        text = withheld_text(point.withheld_below, row.unit, with_noun=False)
        return {"missing_text": text, "missing_word": text}
    return {"missing_text": _("Aucune donnée"), "missing_word": _("Aucune donnée")}


def _latest_point(row: IndicatorRow) -> YearPoint | None:
    year = _latest_result_year(row)
    point = row.point(year)
    return point if point is not None and point.result is not None else None


def _value_text(value: Decimal, bound: str, unit: str, year: int, selected_year: int) -> str:
    figure = result_text(value, bound, unit, with_noun=False)
    if year >= selected_year:
        return figure
    return _("%(figure)s (fin %(year)s)") % {"figure": figure, "year": year}


def headline_bullet(row: IndicatorRow) -> Bullet:
    """The value and target a headline card draws, from the same year or the plan.

    A stock with a plan target: the plan's value (the latest result, dated)
    against the plan's target. Otherwise: the selected year's result against
    the same year's target, or alone.
    """
    if row.kind in STOCK_KINDS and row.plan_target is not None:
        value, year = row.plan.value, _latest_result_year(row)
        latest = _latest_point(row)
        bound = latest.result_bound if latest and latest.result == value else ResultBound.EXACT
        if value is None:
            texts = _missing(row)
        else:
            texts = {"value_text": _value_text(value, bound, row.unit, year, row.selected_year)}
        return Bullet(
            value=value,
            value_label=_("Fin %(year)s") % {"year": year},
            unit=row.unit,
            value_bound=bound,
            target=row.plan_target,
            target_comparator=row.plan_target_comparator,
            target_name=_("Cible %(year)s") % {"year": row.plan_end_year},
            target_color=PLAN_TARGET_COLOR,
            **texts,
        )
    point = row.point(row.selected_year)
    value = point.result if point else None
    bound = point.result_bound if value is not None else ResultBound.EXACT
    if value is None:
        texts = _missing(row)
    else:
        texts = {"value_text": result_text(value, bound, row.unit, with_noun=False)}
    bullet = Bullet(
        value=value,
        value_label=_("Résultat %(year)s") % {"year": row.selected_year},
        unit=row.unit,
        value_bound=bound,
        **texts,
    )
    if point is None or point.target is None:
        return bullet
    return replace(
        bullet,
        target=point.target,
        target_comparator=point.target_comparator,
        target_derivation=point.target_derivation,
        target_name=_("Objectif %(year)s") % {"year": row.selected_year},
    )


def bullet_table_rows(bullet: Bullet) -> list[dict]:
    """The bullet's data, one line per thing drawn (or said instead), for its table."""
    if bullet.value is not None:
        lines = [{"label": bullet.value_label, "value": bullet.value_words}]
    else:
        lines = [{"label": bullet.value_label, "value": bullet.missing_word}]
    if bullet.target is not None:
        words = target_text(bullet.target, bullet.target_comparator, bullet.unit)
        words = with_derivation(words, bullet.target_derivation)
        lines.append({"label": bullet.target_name, "value": words})
    return lines
