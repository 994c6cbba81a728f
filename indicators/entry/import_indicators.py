"""The indicators' sheet of an imported workbook: a row gives the year's result and, when
the plan goes on, the next year's target (the plan d'action), each checked by the entry
page's ``IndicatorYearForm``."""

from core.formatting import format_quantity
from indicators.entry.forms import IndicatorYearForm
from indicators.entry.import_lines import Part, Shown, shown_text
from indicators.entry.page import indicators_with_values
from indicators.entry.scopes import entry_years
from indicators.entry.services import published_target_fields
from indicators.entry.slots import split_entries
from indicators.models import Comparator, ResultBound, TargetChangeReason, YearResult, YearTarget


def number_text(unit):
    return lambda value: format_quantity(value, unit) if value is not None else "—"


def choice_text(choices):
    return lambda value: next((str(label) for key, label in choices if key == value), "—")


def indicator_lines(reader, rows, columns) -> list:
    year = reader.year
    indicators = {
        i.pk: i for i in indicators_with_values(reader.row_ids, entry_years(reader.plan, year))
    }
    headers = {column.key: column.header for column in columns}
    lines = []
    for row, line, indicator in reader.lines(rows, indicators, "indicateur_id", "Indicator"):
        if indicator is not None:
            line.subject = indicator.label
            _result_part(reader, line, row, indicator, headers)
            if "objectif_suivant" in headers:
                _next_target_part(reader, line, row, indicator, headers)
        lines.append(line)
    return lines


def _result_part(reader, line, row, indicator, headers) -> None:
    year = reader.year
    wanted = {
        "result_value": ("resultat", "number"),
        "result_bound": ("libelle_borne", ResultBound.choices),
        "result_as_of": ("valeur_au", "date"),
        "result_source": ("source", "text"),
        "result_comment": ("commentaire", "text"),
    }
    cells = reader.cells(line, row, headers, wanted)
    if cells is None or cells.get("result_value") is None:
        return
    open_result, published = split_entries(
        [r for r in indicator.year_results.all() if r.year == year]
    )
    # What the form shows now (details the workbook has no column for included), then
    # the cells; the year's target is not this part's.
    data = IndicatorYearForm.initial_for(open_result, published, None, None)
    data.pop("target_value", None)
    data["target_comparator"] = Comparator.EXACTLY
    data |= cells | {"result_revision": reader.revision(line, row, "version_resultat")}
    reader.add(
        line,
        Part(
            YearResult,
            {"indicator": indicator, "year": year},
            IndicatorYearForm(data, indicator=indicator, year=year, prefix=None),
            IndicatorYearForm.result_fields,
            (
                Shown("value", headers["resultat"], number_text(indicator.unit_forms)),
                Shown("bound", headers["libelle_borne"], choice_text(ResultBound.choices)),
                Shown("as_of", headers["valeur_au"], shown_text),
                Shown("source", headers["source"], shown_text),
                Shown("comment", headers["commentaire"], shown_text),
            ),
            open_result,
            published,
            data["result_revision"],
            columns=_form_columns(headers, "result"),
        ),
    )


def _form_columns(headers, part: str) -> dict:
    if part == "result":
        return {
            "result_value": headers["resultat"],
            "result_bound": headers["libelle_borne"],
            "result_as_of": headers["valeur_au"],
            "result_source": headers["source"],
            "result_comment": headers["commentaire"],
            "__all__": headers["resultat"],
        }
    return {
        "target_value": headers["objectif_suivant"],
        "target_comparator": headers["libelle_comparateur_suivant"],
        "change_reason": headers["motif_changement"],
        "change_comment": headers["precision_motif"],
        "__all__": headers["objectif_suivant"],
    }


def _next_target_part(reader, line, row, indicator, headers) -> None:
    next_year = reader.year + 1
    open_target, published = split_entries(
        [t for t in indicator.year_targets.all() if t.year == next_year]
    )
    cells = reader.cells(
        line,
        row,
        headers,
        {
            "target_value": ("objectif_suivant", "number"),
            "target_comparator": ("libelle_comparateur_suivant", Comparator.choices),
            "change_reason": ("motif_changement", TargetChangeReason.choices),
            "change_comment": ("precision_motif", "text"),
        },
    )
    if cells is None or cells.get("target_value") is None:
        return
    data = IndicatorYearForm.initial_for(None, None, open_target, published)
    # An emptied reason or précision is one the person removed: the cells hold the open
    # target's own when the workbook is downloaded.
    kept_empty = ("change_reason", "change_comment")
    data |= {name: value for name, value in cells.items() if value != "" or name in kept_empty}
    data["target_revision"] = reader.revision(line, row, "version_objectif")
    form = IndicatorYearForm(
        data,
        indicator=indicator,
        year=next_year,
        published_target=published,
        with_result=False,
        prefix=None,
    )
    reader.add(
        line,
        Part(
            YearTarget,
            {"indicator": indicator, "year": next_year},
            form,
            IndicatorYearForm.target_fields,
            (
                Shown("value", headers["objectif_suivant"], number_text(indicator.unit_forms)),
                Shown(
                    "comparator",
                    headers["libelle_comparateur_suivant"],
                    choice_text(Comparator.choices),
                ),
                Shown(
                    "change_reason",
                    headers["motif_changement"],
                    choice_text(TargetChangeReason.choices),
                ),
                Shown("change_comment", headers["precision_motif"], shown_text),
            ),
            open_target,
            published,
            data["target_revision"],
            published_fields=published_target_fields(IndicatorYearForm.TARGET_ENTRY_FIELDS),
            columns=_form_columns(headers, "target"),
        ),
    )
