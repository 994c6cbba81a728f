"""The French sentence written under each chart, and the words for statuses.

A chart is not readable by everyone (screen readers, colour blindness, a
printout): the sentence says the same thing in words, and the page uses it as
the chart's text alternative. Every string goes through ``gettext`` with named
placeholders, and every figure through ``core.formatting``: a missing value
is said to be missing, never written as 0 or "0 %".

Which progress the sentence tells:

* a cumulative count or a level with a plan target: the plan's progress
  (« 8 Pensions de Famille sur un objectif de 17 d'ici 2026, soit 47 % ; en
  bonne voie. »);
* otherwise the selected year: its result against its target, or against the
  next target set, or the target alone when no result is published;
* a year still being collected (or not opened) with no result says so first,
  then the latest published result (for a stock with a plan target: the plan's
  progress at the end of that result's year) and the year's target;
* then one sentence per target over another period (« Objectif Convention DAP
  2023-2028 : 25 500 logements sociaux. »).
"""

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import format_quantity, format_ratio, french_spacing
from indicators import progress
from indicators.dashboard.rows import CONTEXT, IndicatorRow, PeriodTargetRow, YearPoint
from indicators.dashboard.wording import (
    baseline_label,
    change_label,
    result_text,
    signed_percent,
    target_text,
    with_derivation,
    withheld_text,
)
from indicators.models import Direction

STATUS_LABELS = {
    progress.MET: gettext_lazy("atteint"),
    progress.ON_TRACK: gettext_lazy("en bonne voie"),
    progress.BEHIND: gettext_lazy("en retard"),
    progress.NO_DATA: gettext_lazy("sans donnée"),
    progress.NO_TARGET: gettext_lazy("sans objectif"),
    progress.NOT_DUE: gettext_lazy("pas encore dû"),
    progress.IN_COLLECTION: gettext_lazy("en cours de collecte"),
    CONTEXT: gettext_lazy("donnée de contexte"),
}

# Shown beside the label on badges, so that a status never rests on colour alone.
STATUS_SYMBOLS = {
    progress.MET: "✓",
    progress.ON_TRACK: "↗",
    progress.BEHIND: "⚠",
    progress.NO_DATA: "—",
    progress.NO_TARGET: "○",
    progress.NOT_DUE: "…",
    progress.IN_COLLECTION: "◔",
    CONTEXT: "ℹ",
}

# Kinds whose plan target is read against the latest value, not a year's.
STOCK_KINDS = (progress.CUMULATIVE, progress.LEVEL)


def point_target_text(point: YearPoint, unit: str, *, with_noun: bool = True) -> str:
    """A year's target, with how it is derived when the source does not state it."""
    words = target_text(point.target, point.target_comparator, unit, with_noun=with_noun)
    return with_derivation(words, point.target_derivation)


def point_result_text(point: YearPoint, unit: str, *, with_noun: bool = True) -> str:
    """A year's result as the source gives it (« plus de 20 professionnels »), or
    « moins de 5 » for a small count kept from readers."""
    if point.result is None and point.withheld_below is not None:
        return withheld_text(point.withheld_below, unit, with_noun=with_noun)
    return result_text(point.result, point.result_bound, unit, with_noun=with_noun)


def status_label(status: str) -> str:
    return str(STATUS_LABELS[status])


def indicator_sentence(row: IndicatorRow) -> str:
    """What the row says, in one or a few French sentences; never an empty string.

    Generated text, so French typography applies (no-break space before « : »).
    """
    others = [period_target_sentence(p, row.unit) for p in row.period_targets]
    others += [change_sentence(row), baseline_sentence(row)]
    others = [s for s in others if s]
    # A change cited as context has no year: no yearly sentence is made up for it.
    told = None if row.is_context else _progress_sentence(row)
    if told is None and others and not row.is_context:
        # A baseline or a target over another period, but no yearly value.
        others.append(_("Aucun résultat publié pour %(year)s.") % {"year": row.selected_year})
    sentences = [s for s in (told, *others) if s] or [nothing_held_sentence(row)]
    return french_spacing(" ".join(sentences))


def nothing_held_sentence(row: IndicatorRow) -> str:
    """An indicator with no figure at all: say that the source gives none."""
    if row.provenance.source:
        return _(
            "La source (%(source)s) ne donne ni objectif chiffré ni résultat pour cet indicateur."
        ) % {"source": row.provenance.source}
    return _("Ni objectif chiffré ni résultat publié pour cet indicateur.")


def baseline_sentence(row: IndicatorRow) -> str:
    """« Valeur de référence (année non précisée) : 1 223 logements. »; '' without a baseline."""
    if row.baseline is None:
        return ""
    return _("%(label)s : %(value)s.") % {
        "label": baseline_label(row.baseline_year),
        "value": format_quantity(row.baseline, row.unit),
    }


def change_sentence(row: IndicatorRow) -> str:
    """« Évolution depuis 2008 : −30 % (sens souhaité : à réduire) ; … »; '' without a change.

    The source cites the change without saying when it was measured: no year is invented.
    """
    if row.reference_change is None:
        return ""
    values = {
        "label": change_label(row.baseline_year),
        "change": signed_percent(row.reference_change),
        "direction": Direction(row.direction).label,
    }
    return (
        _(
            "%(label)s : %(change)s (sens souhaité : %(direction)s) ; "
            "la source ne donne pas la date de cette mesure."
        )
        % values
    )


def period_target_sentence(period: PeriodTargetRow, unit: str) -> str:
    """« Objectif Convention DAP 2023-2028 : 25 500 logements sociaux. »"""
    target = target_text(period.value, period.comparator, unit)
    # Labels usually name their period ("Convention DAP 2023-2028"); say it when not.
    if str(period.end_year) in period.label:
        return french_spacing(
            _("Objectif %(label)s : %(target)s.") % {"label": period.label, "target": target}
        )
    if period.start_year is None:
        name = _("%(label)s (d'ici %(end)s)") % {"label": period.label, "end": period.end_year}
    else:
        name = _("%(label)s (%(start)s-%(end)s)") % {
            "label": period.label,
            "start": period.start_year,
            "end": period.end_year,
        }
    return french_spacing(_("Objectif %(label)s : %(target)s.") % {"label": name, "target": target})


def shows_plan_progress(row: IndicatorRow) -> bool:
    """Whether the row is told by its plan progress: a stock with a plan target and a value."""
    return row.tells_plan_progress


def _progress_sentence(row: IndicatorRow) -> str | None:
    if row.year.status in (progress.IN_COLLECTION, progress.NOT_DUE):
        return _pending_sentence(row)
    if shows_plan_progress(row):
        return _plan_sentence(row)
    year = row.selected_year
    point = row.point(year)
    result = point.result if point else None
    target = point.target if point else None
    if result is not None and target is not None:
        return _year_sentence(row, point)
    if result is not None:
        values = {"value": point_result_text(point, row.unit), "year": year}
        upcoming = row.next_target
        if upcoming is not None:
            return _("%(value)s en %(year)s ; objectif %(target_year)s : %(target)s.") % (
                values
                | {
                    "target_year": upcoming.year,
                    "target": point_target_text(upcoming, row.unit, with_noun=False),
                }
            )
        return _("%(value)s en %(year)s (sans objectif chiffré).") % values
    if point is not None and point.withheld_below is not None:
        return _("%(value)s en %(year)s (petit effectif : le chiffre exact n'est pas diffusé).") % {
            "value": capfirst(point_result_text(point, row.unit)),
            "year": year,
        }
    if target is not None:
        return _no_result_sentence(point_target_text(point, row.unit), year, year)
    if row.plan_target is not None:
        return _no_result_sentence(
            target_text(row.plan_target, row.plan_target_comparator, row.unit),
            row.plan_end_year,
            year,
        )
    if row.points:
        return _nothing_this_year_sentence(row)
    return None


def _year_sentence(row: IndicatorRow, point: YearPoint) -> str:
    values = {
        "value": point_result_text(point, row.unit),
        "year": point.year,
        "target": point_target_text(point, row.unit, with_noun=False),
        "ratio": format_ratio(row.year.ratio),
        "status": status_label(row.year.status),
    }
    exact = point.target_comparator == progress.EXACTLY
    # The status is said, as on the badge: the sentence never leaves it to the colour.
    if row.year.ratio is not None:
        if exact:
            message = _(
                "%(value)s en %(year)s pour un objectif de %(target)s, soit %(ratio)s ; %(status)s."
            )
        else:
            message = _(
                "%(value)s en %(year)s (objectif : %(target)s), soit %(ratio)s ; %(status)s."
            )
    elif exact:
        # No ratio (a decrease without baseline): the status alone speaks.
        message = _("%(value)s en %(year)s pour un objectif de %(target)s ; %(status)s.")
    else:
        message = _("%(value)s en %(year)s (objectif : %(target)s) ; %(status)s.")
    return message % values


def _plan_value_text(row: IndicatorRow) -> str:
    """The plan's value (a stock's latest result), « plus de » kept when the source says so."""
    latest = _latest_result(row, row.plan.as_of_year or row.selected_year)
    if latest is not None and latest.result == row.plan.value:
        return point_result_text(latest, row.unit)
    return format_quantity(row.plan.value, row.unit)


def _latest_result(row: IndicatorRow, up_to: int) -> YearPoint | None:
    with_result = [p for p in row.points if p.result is not None and p.year <= up_to]
    return max(with_result, key=lambda p: p.year) if with_result else None


def _plan_sentence(row: IndicatorRow) -> str:
    values = {
        "value": _plan_value_text(row),
        "target": target_text(
            row.plan.target, row.plan_target_comparator, row.unit, with_noun=False
        ),
        "end": row.plan_end_year,
        "ratio": format_ratio(row.plan.ratio),
        "status": status_label(row.plan.status),
    }
    if row.plan.ratio is None:
        message = _("%(value)s sur un objectif de %(target)s d'ici %(end)s ; %(status)s.")
    else:
        message = _(
            "%(value)s sur un objectif de %(target)s d'ici %(end)s, soit %(ratio)s ; %(status)s."
        )
    sentence = message % values
    # The plan's value is the latest result: say when it is older than the year shown.
    latest = max(
        (p.year for p in row.points if p.result is not None and p.year <= row.selected_year),
        default=row.selected_year,
    )
    if latest < row.selected_year:
        sentence += " " + _("Valeur de fin %(latest)s, aucun résultat publié pour %(year)s.") % {
            "latest": latest,
            "year": row.selected_year,
        }
    return sentence


def _no_result_sentence(target: str, target_year: int, year: int) -> str:
    return _("Objectif %(target_year)s : %(target)s ; aucun résultat publié pour %(year)s.") % {
        "target_year": target_year,
        "target": target,
        "year": year,
    }


def _nothing_this_year_sentence(row: IndicatorRow) -> str:
    year = row.selected_year
    earlier = [p for p in row.points if p.year < year and p.result is not None]
    latest = max(earlier, key=lambda p: p.year) if earlier else None
    upcoming = row.next_target
    values = {"year": year}
    if latest is not None:
        values |= {"value": point_result_text(latest, row.unit), "latest": latest.year}
    if upcoming is not None:
        values |= {"target_year": upcoming.year, "target": point_target_text(upcoming, row.unit)}
    if latest is not None and upcoming is not None:
        message = _(
            "Aucun résultat publié pour %(year)s ; dernier résultat : %(value)s en %(latest)s ; "
            "objectif %(target_year)s : %(target)s."
        )
    elif latest is not None:
        message = _(
            "Aucun résultat publié pour %(year)s ; dernier résultat : %(value)s en %(latest)s."
        )
    elif upcoming is not None:
        message = _("Aucun résultat publié pour %(year)s ; objectif %(target_year)s : %(target)s.")
    else:
        message = _("Aucun résultat publié pour %(year)s.")
    return message % values


def _pending_sentence(row: IndicatorRow) -> str:
    """A year whose result is still to come: « Résultat 2023 en cours de collecte ; … ».

    Then what is known: the plan's progress at the end of the latest result's
    year for a stock with a plan target, else the latest published result; and
    the year's target (or the plan's, when the year has none).
    """
    year = row.selected_year
    if row.year.status == progress.IN_COLLECTION:
        parts = [_("Résultat %(year)s en cours de collecte") % {"year": year}]
    else:
        parts = [_("Résultat %(year)s pas encore dû") % {"year": year}]
    earlier = [p for p in row.points if p.year < year and p.result is not None]
    latest = max(earlier, key=lambda p: p.year) if earlier else None
    if shows_plan_progress(row):
        parts.append(_pending_plan_part(row, row.plan.as_of_year or year))
    elif latest is not None:
        parts.append(
            _("dernier résultat publié : %(value)s en %(latest)s")
            % {"value": point_result_text(latest, row.unit), "latest": latest.year}
        )
    point = row.point(year)
    if point is not None and point.target is not None:
        target_year, target = year, point_target_text(point, row.unit)
    elif row.plan_target is not None and not shows_plan_progress(row):
        target_year = row.plan_end_year
        target = target_text(row.plan_target, row.plan_target_comparator, row.unit)
    else:
        target = None
    if target is not None:
        parts.append(
            _("objectif %(target_year)s : %(target)s")
            % {"target_year": target_year, "target": target}
        )
    return " ; ".join(parts) + "."


def _pending_plan_part(row: IndicatorRow, as_of_year: int) -> str:
    values = {
        "as_of": as_of_year,
        "value": _plan_value_text(row),
        "target": target_text(
            row.plan.target, row.plan_target_comparator, row.unit, with_noun=False
        ),
        "end": row.plan_end_year,
        "ratio": format_ratio(row.plan.ratio),
        "status": status_label(row.plan.status),
    }
    if row.plan.ratio is None:
        return (
            _("fin %(as_of)s : %(value)s sur un objectif de %(target)s d'ici %(end)s, %(status)s")
            % values
        )
    return (
        _(
            "fin %(as_of)s : %(value)s sur un objectif de %(target)s d'ici %(end)s, "
            "soit %(ratio)s, %(status)s"
        )
        % values
    )
