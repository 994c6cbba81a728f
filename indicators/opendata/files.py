"""Open data: the published targets and results as one table, with its schema.

Only published values: what the public dashboard shows. Numbers are written
for machines (decimal point, no grouping), dates in ISO 8601; texts without
invisible characters (control characters, bidirectional overrides), which
older data may hold.
"""

import csv
import io
import json
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core.spreadsheet_safety import inert_cell
from core.text_safety import printable_copy
from indicators.dashboard.rows import indicator_rows
from indicators.models import Indicator
from indicators.plans import current_plan

# (column, meaning) — the documented schema, in the order of the files.
COLUMNS = [
    ("axe", _("numéro de l'axe (1 à 5)")),
    ("mesure", _("numéro de la mesure ; vide pour la ligne sans numéro")),
    ("ligne", _("référence de la ligne du bilan : 3, 9a… ; vide pour la ligne sans numéro")),
    ("indicateur_id", _("identifiant stable de l'indicateur")),
    ("indicateur", _("libellé de l'indicateur")),
    ("unite", _("unité des valeurs : logements, ménages, %, €…")),
    (
        "nature",
        _(
            "annual_flow (flux annuel), cumulative (cumul depuis 2021), "
            "level (niveau à date), share (part en %)"
        ),
    ),
    ("sens_souhaite", _("increase (à augmenter), decrease (à réduire), maintain (à maintenir)")),
    ("annee", _("année de la valeur (AAAA)")),
    ("objectif", _("objectif publié pour l'année ; vide s'il n'y en a pas")),
    ("comparateur_objectif", _("exactly, at_least (« au moins »), at_most (« au plus »)")),
    ("resultat", _("résultat publié pour l'année ; vide s'il n'y en a pas (jamais 0 par défaut)")),
    ("resultat_au", _("date de la valeur du résultat, ISO 8601 (AAAA-MM-JJ)")),
    ("source", _("source du résultat")),
    ("commentaire", _("commentaire du résultat")),
]
FIELDNAMES = [name for name, _meaning in COLUMNS]


@dataclass(frozen=True)
class OpenDataFile:
    filename: str
    content_type: str
    content: str


def _number(value) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def published_values() -> list[dict]:
    """One record per indicator and year that has a published target or result."""
    plan = current_plan()
    if plan is None:
        return []
    indicators = Indicator.objects.filter(report_row__ambition__axis__plan=plan).for_dashboard()
    records = []
    for row in indicator_rows(indicators, plan.start_year):
        for point in row.points:
            records.append(
                {
                    "axe": row.axis_number,
                    "mesure": row.measure_number,
                    "ligne": row.row_reference,
                    "indicateur_id": row.pk,
                    "indicateur": row.label,
                    "unite": row.unit,
                    "nature": row.kind,
                    "sens_souhaite": row.direction,
                    "annee": point.year,
                    "objectif": _number(point.target),
                    "comparateur_objectif": point.target_comparator
                    if point.target is not None
                    else None,
                    "resultat": _number(point.result),
                    "resultat_au": point.as_of.isoformat() if point.as_of else None,
                    "source": point.source or None,
                    "commentaire": point.comment or None,
                }
            )
    return printable_copy(records)


def csv_cell(value) -> str | int:
    """Nothing for no value; text cells a spreadsheet could run as a formula made inert."""
    if value is None:
        return ""
    return inert_cell(value) if isinstance(value, str) else value


def values_csv() -> OpenDataFile:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDNAMES, lineterminator="\n")
    writer.writeheader()
    for record in published_values():
        writer.writerow({key: csv_cell(value) for key, value in record.items()})
    return OpenDataFile("ldaplan-valeurs.csv", "text/csv; charset=utf-8", buffer.getvalue())


def values_json() -> OpenDataFile:
    document = {
        "schema": [{"colonne": name, "description": str(meaning)} for name, meaning in COLUMNS],
        "valeurs": published_values(),
    }
    return OpenDataFile(
        "ldaplan-valeurs.json",
        "application/json",
        json.dumps(document, ensure_ascii=False, indent=2) + "\n",
    )
