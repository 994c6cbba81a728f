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

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import EURO_UNITS, format_number, format_quantity, format_ratio
from indicators import progress
from indicators.dashboard.rows import IndicatorRow, PeriodTargetRow, YearPoint

STATUS_LABELS = {
    progress.MET: gettext_lazy("atteint"),
    progress.ON_TRACK: gettext_lazy("en bonne voie"),
    progress.BEHIND: gettext_lazy("en retard"),
    progress.NO_DATA: gettext_lazy("sans donnée"),
    progress.NO_TARGET: gettext_lazy("sans objectif"),
    progress.NOT_DUE: gettext_lazy("pas encore dû"),
    progress.IN_COLLECTION: gettext_lazy("en cours de collecte"),
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
}

# Kinds whose plan target is read against the latest value, not a year's.
STOCK_KINDS = (progress.CUMULATIVE, progress.LEVEL)


def bare_figure(value: Decimal, unit: str = "") -> str:
    """A figure without its counted noun, but with a symbol unit (%, €) that belongs to it.

    « pour un objectif de 300 » but « pour un objectif de 20 % ».
    """
    unit = (unit or "").strip()
    if unit == "%" or unit.lower() in EURO_UNITS:
        return format_quantity(value, unit)
    return format_number(value)


def target_text(
    value: Decimal, comparator: str = progress.EXACTLY, unit: str = "", *, with_noun: bool = True
) -> str:
    """A target as read aloud: « au moins 2 000 désignations », « 75 », « au moins 3 ».

    ``with_noun=False`` leaves the counted noun out (« pour un objectif de 300 ») but
    keeps a symbol unit, which belongs to the figure (« 20 % »).
    """
    figure = format_quantity(value, unit) if with_noun else bare_figure(value, unit)
    if comparator == progress.AT_LEAST:
        return _("au moins %(value)s") % {"value": figure}
    if comparator == progress.AT_MOST:
        return _("au plus %(value)s") % {"value": figure}
    return figure


def status_label(status: str) -> str:
    return str(STATUS_LABELS[status])


def indicator_sentence(row: IndicatorRow) -> str:
    """What the row says, in one or a few French sentences; never an empty string."""
    sentences = [_progress_sentence(row)]
    sentences += [period_target_sentence(p, row.unit) for p in row.period_targets]
    sentences = [s for s in sentences if s]
    if not sentences:
        return _("Aucune donnée pour cet indicateur.")
    return " ".join(sentences)


def period_target_sentence(period: PeriodTargetRow, unit: str) -> str:
    """« Objectif Convention DAP 2023-2028 : 25 500 logements sociaux. »"""
    target = target_text(period.value, period.comparator, unit)
    # Labels usually name their period ("Convention DAP 2023-2028"); say it when not.
    if str(period.end_year) in period.label:
        return _("Objectif %(label)s : %(target)s.") % {"label": period.label, "target": target}
    if period.start_year is None:
        name = _("%(label)s (d'ici %(end)s)") % {"label": period.label, "end": period.end_year}
    else:
        name = _("%(label)s (%(start)s-%(end)s)") % {
            "label": period.label,
            "start": period.start_year,
            "end": period.end_year,
        }
    return _("Objectif %(label)s : %(target)s.") % {"label": name, "target": target}


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
        values = {"value": format_quantity(result, row.unit), "year": year}
        upcoming = row.next_target
        if upcoming is not None:
            return _("%(value)s en %(year)s ; objectif %(target_year)s : %(target)s.") % (
                values
                | {
                    "target_year": upcoming.year,
                    "target": target_text(
                        upcoming.target, upcoming.target_comparator, row.unit, with_noun=False
                    ),
                }
            )
        return _("%(value)s en %(year)s (sans objectif chiffré).") % values
    if target is not None:
        return _no_result_sentence(target, point.target_comparator, year, year, row.unit)
    if row.plan_target is not None:
        return _no_result_sentence(
            row.plan_target, row.plan_target_comparator, row.plan_end_year, year, row.unit
        )
    if row.points:
        return _nothing_this_year_sentence(row)
    return None


def _year_sentence(row: IndicatorRow, point: YearPoint) -> str:
    values = {
        "value": format_quantity(point.result, row.unit),
        "year": point.year,
        "target": target_text(point.target, point.target_comparator, row.unit, with_noun=False),
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


def _plan_sentence(row: IndicatorRow) -> str:
    values = {
        "value": format_quantity(row.plan.value, row.unit),
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


def _no_result_sentence(
    target: Decimal, comparator: str, target_year: int, year: int, unit: str
) -> str:
    return _("Objectif %(target_year)s : %(target)s ; aucun résultat publié pour %(year)s.") % {
        "target_year": target_year,
        "target": target_text(target, comparator, unit),
        "year": year,
    }


def _nothing_this_year_sentence(row: IndicatorRow) -> str:
    year = row.selected_year
    earlier = [p for p in row.points if p.year < year and p.result is not None]
    latest = max(earlier, key=lambda p: p.year) if earlier else None
    upcoming = row.next_target
    values = {"year": year}
    if latest is not None:
        values |= {"value": format_quantity(latest.result, row.unit), "latest": latest.year}
    if upcoming is not None:
        values |= {
            "target_year": upcoming.year,
            "target": target_text(upcoming.target, upcoming.target_comparator, row.unit),
        }
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
            % {"value": format_quantity(latest.result, row.unit), "latest": latest.year}
        )
    point = row.point(year)
    if point is not None and point.target is not None:
        target_year, target, comparator = year, point.target, point.target_comparator
    elif row.plan_target is not None and not shows_plan_progress(row):
        target_year, target = row.plan_end_year, row.plan_target
        comparator = row.plan_target_comparator
    else:
        target = None
    if target is not None:
        parts.append(
            _("objectif %(target_year)s : %(target)s")
            % {"target_year": target_year, "target": target_text(target, comparator, row.unit)}
        )
    return " ; ".join(parts) + "."


def _pending_plan_part(row: IndicatorRow, as_of_year: int) -> str:
    values = {
        "as_of": as_of_year,
        "value": format_quantity(row.plan.value, row.unit),
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
