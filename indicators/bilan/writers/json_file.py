"""JSON: the bilan rows, in plain text and in markup, the indicators, every figure (the
open data's columns, ``valeurs``) and the commitments, for reuse."""

import json
from decimal import Decimal

from django.utils.translation import gettext_lazy

from indicators.bilan.indicator_part import BilanIndicatorRow
from indicators.bilan.shaping import Bilan
from indicators.bilan.writers.base import ExportFormat
from indicators.figures import PERIOD_TARGET, Figure, indicator_records
from measures.markup import markup_to_plain_text


def _json_number(value):
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _figure(figure: Figure | None) -> dict | None:
    """A figure of the indicator's columns: its value, comparator, text, derivation."""
    if figure is None:
        return None
    return {
        "annee": figure.year,
        "valeur": _json_number(figure.value),
        "comparateur": figure.comparator,
        "borne": figure.bound or None,
        "valeur_texte": figure.text,
        "deduit": figure.is_derived,
        "derivation": figure.derivation or None,
    }


def _indicator(row: BilanIndicatorRow) -> dict:
    """One indicator: the figures of N and N+1 as numbers (as before), then each figure
    in full, its own figures, its targets over other periods and the notes in words."""
    return {
        "reference": row.reference,
        "indicateur": row.label,
        "unite": row.unit,
        "unite_singulier": row.unit_singular,
        "objectif_annee": _json_number(row.target),
        "resultat_annee": _json_number(row.result),
        "objectif_annee_suivante": _json_number(row.next_target),
        "avancement": _json_number(row.ratio),
        "statut": row.status,
        "libelle_statut": row.status_label,
        "objectif_annee_detail": _figure(row.target_figure),
        "resultat_annee_detail": _figure(row.result_figure),
        "objectif_annee_suivante_detail": _figure(row.next_target_figure),
        "valeur_reference": _figure(row.baseline),
        "evolution_depuis_reference": _figure(row.reference_change),
        "cible_plan": _figure(row.plan_target),
        "objectifs_periode": [
            _figure(f) | {"cadre": f.frame, "periode_debut": f.period_start}
            for f in row.all_figures
            if f.kind == PERIOD_TARGET
        ],
        "precisions": row.notes,
        "sources": row.sources,
    }


def write_json(bilan: Bilan) -> str:
    """An object with the "bilan" rows (plain text and markup), the "indicateurs" and the
    "engagements" (the plan d'action of the year, marked; empty for a plan's first bilan),
    the "glossaire" of the acronyms its texts use and its public "pieces_justificatives"."""
    document = {
        "titre": bilan.title,
        "plan": bilan.plan_title,
        "annee": bilan.year,
        "annee_plan_action": bilan.action_plan_year,
        "bilan": [
            {
                "axe": row.axis_number,
                "titre_axe": row.axis_title,
                "reference": row.reference,
                "numero": row.measure_number,
                "lettre": row.letter,
                "ambition": markup_to_plain_text(row.ambition_text),
                "bilan": markup_to_plain_text(row.bilan_text),
                "plan_action": markup_to_plain_text(row.action_plan_text),
                "ambition_markdown": row.ambition_text,
                "bilan_markdown": row.bilan_text,
                "plan_action_markdown": row.action_plan_text,
            }
            for row in bilan.rows
        ],
        "indicateurs": [_indicator(row) for row in bilan.indicators],
        "valeurs": [
            record | {"valeur": _json_number(record["valeur"] or None)}
            for row in bilan.indicators
            if row.figures is not None
            for record in indicator_records(row.figures)
        ],
        "engagements": [
            {
                "reference": c.reference,
                "position": c.position,
                "engagement": markup_to_plain_text(c.text),
                "engagement_markdown": c.text,
                "realisation": c.outcome,
                "libelle_realisation": c.outcome_label,
                "commentaire": c.comment,
            }
            for c in bilan.commitments
        ],
        # The acronyms the bilan uses, explained (the texts above stay as written).
        "glossaire": _glossary(bilan),
        # The public pièces justificatives of the year's published entries.
        "pieces_justificatives": _attachments(bilan),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _glossary(bilan: Bilan) -> list[dict]:
    return [
        {
            "sigle": term.acronym,
            "forme_developpee": term.expansion,
            "definition": term.definition,
            "source": term.source,
        }
        for term in bilan.glossary
    ]


def _attachments(bilan: Bilan) -> list[dict]:
    return [
        {
            "reference": a.reference,
            "saisie": a.subject,
            "titre": a.title,
            "fichier": a.filename,
            "type": a.file_type,
            "taille_octets": a.size,
            "adresse": a.url,
        }
        for a in bilan.attachments
    ]


FORMAT = ExportFormat(
    "json",
    gettext_lazy("Données JSON"),
    "application/json; charset=utf-8",
    write_json,
    is_text=True,
)
