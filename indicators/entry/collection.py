"""The collection workbook of a reporting year: what an agent has to fill, as sheets.

One sheet per kind of thing the entry page asks (indicators, milestones, texts,
commitments) and a « Lisez-moi » sheet, each row holding its identifiers and what to read
for reference (greyed and locked by the writers), then the cells to fill, already holding
what is entered now (the open entry, else the published one, as the entry page shows).
The hidden « version » columns keep the revision of each open entry, so that an import
can tell what changed since the download.

The same queries as the entry page (``indicators.entry.page``), so both show the same.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from indicators.dashboard.wording import target_text
from indicators.entry.page import bilan_entries, indicators_with_values, milestones_with_statuses
from indicators.entry.scopes import entry_years
from indicators.entry.slots import split_entries
from indicators.models import Comparator, MilestoneStatus, ResultBound, TargetChangeReason
from indicators.schema import VALUES_SHEET
from measures.markup import markup_to_plain_text
from measures.models import MARK_OUTCOMES

REFERENCE, FILL, HIDDEN = "reference", "fill", "hidden"


@dataclass(frozen=True)
class Column:
    """A column: its stable key (what an import reads), its French header, its role."""

    key: str
    header: str
    role: str
    width: float  # centimetres
    number: bool = False
    date: bool = False
    choices: tuple[str, ...] = ()  # the words of a drop-down list


@dataclass(frozen=True)
class CollectionSheet:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]


@dataclass(frozen=True)
class CollectionWorkbook:
    title: str
    year: int
    readme: tuple[str, ...]
    sheets: tuple[CollectionSheet, ...]

    @property
    def file_stem(self) -> str:
        return f"collecte-{self.year}"


def _labels(choices) -> tuple[str, ...]:
    return tuple(str(label) for _value, label in choices)


def _label_of(choices, value) -> str:
    return next((str(label) for key, label in choices if key == value), "")


def _revision(entry) -> int | str:
    return entry.revision if entry is not None else ""


# --- Indicators -----------------------------------------------------------------------


def _sheet_column(name: str, year: int, role: str, width: float, **kind) -> Column:
    """A column of the values sheet, named and headed by the shared schema."""
    return Column(name, VALUES_SHEET[name].sheet_header(year), role, width, **kind)


def indicator_columns(year: int, with_next_target: bool) -> tuple[Column, ...]:
    """The values sheet's columns (``indicators.schema.VALUES_SHEET_COLUMNS``), as filled."""
    columns = [
        _sheet_column("indicateur_id", year, REFERENCE, 2.2),
        _sheet_column("mesure", year, REFERENCE, 1.8),
        _sheet_column("indicateur", year, REFERENCE, 8),
        _sheet_column("unite", year, REFERENCE, 3),
        _sheet_column("annee", year, REFERENCE, 1.8),
        _sheet_column("resultat_publie", year, REFERENCE, 3, number=True),
        _sheet_column("objectif_annee", year, REFERENCE, 3.5),
        _sheet_column("resultat", year, FILL, 3, number=True),
        _sheet_column("libelle_borne", year, FILL, 3, choices=_labels(ResultBound.choices)),
        _sheet_column("valeur_au", year, FILL, 2.8, date=True),
        _sheet_column("source", year, FILL, 5),
        _sheet_column("commentaire", year, FILL, 6),
    ]
    if with_next_target:
        columns += [
            _sheet_column("objectif_suivant", year, FILL, 3, number=True),
            _sheet_column(
                "libelle_comparateur_suivant",
                year,
                FILL,
                3.2,
                choices=_labels(Comparator.choices),
            ),
            _sheet_column(
                "motif_changement", year, FILL, 4.5, choices=_labels(TargetChangeReason.choices)
            ),
            _sheet_column("precision_motif", year, FILL, 5),
        ]
    columns += [
        _sheet_column("version_resultat", year, HIDDEN, 2),
        _sheet_column("version_objectif", year, HIDDEN, 2),
    ]
    return tuple(columns)


def _indicator_row(indicator, year: int, with_next_target: bool) -> tuple:
    results = [r for r in indicator.year_results.all() if r.year == year]
    open_result, published_result = split_entries(results)
    targets_of_year = [t for t in indicator.year_targets.all() if t.year == year]
    _open, published_target = split_entries(targets_of_year)
    result = open_result or published_result
    unit = indicator.unit_forms
    cells = [
        indicator.pk,
        indicator.report_row.reference or "",
        indicator.label,
        indicator.unit,
        year,
        published_result.value if published_result else None,
        target_text(published_target.value, published_target.comparator, unit)
        if published_target
        else "",
        result.value if result else None,
        _label_of(ResultBound.choices, result.bound if result else ResultBound.EXACT),
        result.as_of if result else None,
        result.source if result else "",
        result.comment if result else "",
    ]
    open_target = None
    if with_next_target:
        next_targets = [t for t in indicator.year_targets.all() if t.year == year + 1]
        open_target, published_next = split_entries(next_targets)
        target = open_target or published_next
        cells += [
            target.value if target else None,
            _label_of(Comparator.choices, target.comparator if target else Comparator.EXACTLY),
            _label_of(TargetChangeReason.choices, open_target.change_reason) if open_target else "",
            open_target.change_comment if open_target else "",
        ]
    cells += [_revision(open_result), _revision(open_target)]
    return tuple(cells)


# --- Milestones, texts, commitments ---------------------------------------------------


def milestone_columns(year: int) -> tuple[Column, ...]:
    return (
        Column("jalon", _("Identifiant"), REFERENCE, 2.2),
        Column("mesure", _("Mesure"), REFERENCE, 1.8),
        Column("intitule", _("Jalon"), REFERENCE, 9),
        Column("echeance", _("Échéance"), REFERENCE, 3),
        Column("statut_publie", _("Avancement %(year)s publié") % {"year": year}, REFERENCE, 3.5),
        Column(
            "avancement",
            _("Avancement %(year)s") % {"year": year},
            FILL,
            3.5,
            choices=_labels(MilestoneStatus.choices),
        ),
        Column("note", _("Note"), FILL, 8),
        Column("version", _("Version"), HIDDEN, 2),
    )


def _milestone_row(milestone, year: int) -> tuple:
    open_status, published = split_entries([s for s in milestone.statuses.all() if s.year == year])
    current = open_status or published
    return (
        milestone.pk,
        milestone.report_row.reference or "",
        milestone.title,
        milestone.due_label
        or (milestone.due_date.strftime("%d/%m/%Y") if milestone.due_date else ""),
        published.get_progress_display() if published else "",
        current.get_progress_display() if current else "",
        current.note if current else "",
        _revision(open_status),
    )


def text_columns(year: int, with_final_text: bool, plan) -> tuple[Column, ...]:
    columns = [
        Column("ligne", _("Identifiant"), REFERENCE, 2.2),
        Column("mesure", _("Mesure"), REFERENCE, 1.8),
        Column("titre", _("Ligne du bilan"), REFERENCE, 6),
        Column("bilan", _("Bilan %(year)s") % {"year": year}, FILL, 12),
        Column("plan_action", _("Plan d'action %(year)s") % {"year": year + 1}, FILL, 12),
    ]
    if with_final_text:
        columns.append(
            Column(
                "bilan_final",
                _("Bilan final du plan (%(start)s-%(end)s)")
                % {"start": plan.start_year, "end": plan.end_year},
                FILL,
                12,
            )
        )
    columns.append(Column("version", _("Version"), HIDDEN, 2))
    return tuple(columns)


def _text_row(row, texts, with_final_text: bool) -> tuple:
    open_text, published = split_entries([t for t in texts if t.report_row_id == row.pk])
    current = open_text or published
    cells = [
        row.pk,
        row.reference or "",
        row.title,
        current.bilan_text if current else "",
        current.action_plan_text if current else "",
    ]
    if with_final_text:
        cells.append(current.final_text if current else "")
    cells.append(_revision(open_text))
    return tuple(cells)


def commitment_columns(year: int) -> tuple[Column, ...]:
    return (
        Column("engagement", _("Identifiant"), REFERENCE, 2.2),
        Column("mesure", _("Mesure"), REFERENCE, 1.8),
        Column("numero", _("N°"), REFERENCE, 1.2),
        Column("texte", _("Engagement du plan d'action %(year)s") % {"year": year}, REFERENCE, 12),
        Column("realisation", _("Réalisation"), FILL, 4.5, choices=_labels(MARK_OUTCOMES)),
        Column("commentaire", _("Commentaire"), FILL, 8),
        Column("version", _("Version"), HIDDEN, 2),
    )


def _commitment_row(commitment, row) -> tuple:
    open_mark, published = split_entries(list(commitment.marks.all()))
    current = open_mark or published
    return (
        commitment.pk,
        row.reference or "",
        commitment.position,
        markup_to_plain_text(commitment.text),
        _label_of(MARK_OUTCOMES, current.outcome) if current else "",
        current.comment if current else "",
        _revision(open_mark),
    )


# --- The workbook -----------------------------------------------------------------------


def readme(year: int, scope_title: str, with_final_text: bool, sheets) -> tuple[str, ...]:
    names = [f"« {sheet.title} »" for sheet in sheets]
    paragraphs = [
        _("Classeur de collecte %(year)s — %(scope)s") % {"year": year, "scope": scope_title},
        _(
            "Remplissez les cellules blanches des feuilles %(sheets)s. Les colonnes grisées "
            "(identifiants, libellés, valeurs publiées) sont là pour vous repérer : ne les "
            "modifiez pas."
        )
        % {"sheets": get_text_list(names, _("et"))},
        _(
            "Les cellules à remplir contiennent déjà ce qui est saisi aujourd'hui (le "
            "brouillon en cours, sinon la valeur publiée) : changez seulement ce qui doit "
            "changer."
        ),
        _(
            "Nombres : écrivez-les comme d'habitude, « 1 910,5 » ou « 365 000 ». Dates : "
            "« 31/12/%(year)s ». Les listes déroulantes donnent les choix possibles "
            "(comparateur, motif, avancement, réalisation)."
        )
        % {"year": year},
        _(
            "Textes : séparez les paragraphes par une ligne vide ; écrivez **texte** pour le "
            "mettre en gras."
        ),
        _(
            "Les colonnes « Version », masquées, servent à reconnaître ce qui a changé dans "
            "l'application depuis le téléchargement : ne les supprimez pas."
        ),
        _(
            "Les colonnes de la feuille « Indicateurs » sont décrites, avec leur nom, par un "
            "schéma publié avec les données ouvertes (%(path)s) : un CSV de cette feuille "
            "peut porter en en-tête leur titre ou leur nom."
        )
        % {"path": reverse("opendata:values_sheet_schema_json")},
        _(
            "Rien de ce classeur n'est publié tel quel : chaque valeur est un brouillon, "
            "soumis puis validé comme une saisie faite dans les formulaires."
        ),
    ]
    year_is_open = any(sheet.title == _("Textes") for sheet in sheets)
    if not year_is_open:
        paragraphs.append(
            _(
                "L'année de bilan %(year)s n'est pas encore ouverte : ses textes et ses "
                "engagements viendront dans le classeur une fois l'année ouverte."
            )
            % {"year": year}
        )
    if with_final_text and year_is_open:
        paragraphs.append(
            _(
                "%(year)s est la dernière année du plan : la feuille « Textes » demande aussi "
                "le bilan final de chaque ligne."
            )
            % {"year": year}
        )
    return tuple(paragraphs)


def collection_workbook(plan, rows: list, year: int, scope_title: str) -> CollectionWorkbook:
    """The workbook of ``rows`` (report rows the user may enter) for the bilan of ``year``.

    Five queries (six when the year has no text nor commitment yet), whatever the rows.
    """
    row_ids = [row.pk for row in rows]
    with_next_target = year + 1 in plan.years
    indicators = indicators_with_values(row_ids, entry_years(plan, year))
    milestones = milestones_with_statuses(row_ids, [year])
    texts, commitments, reporting_year = bilan_entries(plan, row_ids, year)
    with_final_text = year == plan.end_year
    sheets = [
        CollectionSheet(
            _("Indicateurs"),
            indicator_columns(year, with_next_target),
            tuple(_indicator_row(i, year, with_next_target) for i in indicators),
        ),
        CollectionSheet(
            _("Jalons"),
            milestone_columns(year),
            tuple(_milestone_row(m, year) for m in milestones),
        ),
    ]
    if reporting_year is not None:
        by_pk = {row.pk: row for row in rows}
        order = {row.pk: index for index, row in enumerate(rows)}
        commitments = sorted(commitments, key=lambda c: (order[c.report_row_id], c.position))
        sheets += [
            CollectionSheet(
                _("Textes"),
                text_columns(year, with_final_text, plan),
                tuple(_text_row(row, texts, with_final_text) for row in rows),
            ),
            CollectionSheet(
                _("Engagements"),
                commitment_columns(year),
                tuple(_commitment_row(c, by_pk[c.report_row_id]) for c in commitments),
            ),
        ]
    return CollectionWorkbook(
        title=_("Collecte %(year)s") % {"year": year},
        year=year,
        readme=readme(year, scope_title, with_final_text, sheets),
        sheets=tuple(sheets),
    )
