"""The collection workbook: an agent downloads what they have to fill for a year, as an
Excel or OpenDocument workbook made for people (greyed, locked references; drop-down
lists; real numbers and dates; frozen header; hidden versions).

The seed holds the 2022 bilan; the 2023 draft below is made up (fictif).
"""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import Indicator, YearResult
from measures.models import ReportingYear, ReportRow
from tests.accounts import login, make_user
from tests.bilan.test_writers import read_ods

pytestmark = pytest.mark.django_db

LOUEZ = "Logements Louez solidaire captés dans l'année"


def workbook_url(number=1, fmt="xlsx", year=2022):
    return reverse("entry:measure_workbook", args=[number, fmt]) + f"?annee={year}"


def open_xlsx(response):
    import openpyxl

    assert response.status_code == 200, response.content[:500]
    return openpyxl.load_workbook(io.BytesIO(response.content))


def rows_by_header(ws) -> list[dict]:
    headers = [cell.value for cell in ws[1]]
    return [
        dict(zip(headers, row, strict=True)) for row in ws.iter_rows(min_row=2, values_only=True)
    ]


def test_an_agent_downloads_the_workbook_of_their_measure(client, editor):
    login(client, editor)
    response = client.get(workbook_url())
    assert response["Content-Disposition"] == 'attachment; filename="collecte-2022-mesure-1.xlsx"'
    book = open_xlsx(response)
    assert book.sheetnames == ["Lisez-moi", "Indicateurs", "Jalons", "Textes", "Engagements"]
    assert book["Lisez-moi"]["A1"].value.startswith("Classeur de collecte 2022 — Mesure 1")

    indicators = rows_by_header(book["Indicateurs"])
    expected = Indicator.objects.filter(report_row__measure__number=1).count()
    assert len(indicators) == expected
    louez = next(row for row in indicators if row["Indicateur"] == LOUEZ)
    louez_pk = Indicator.objects.get(label=LOUEZ).pk
    # The report's figures: 73 captured in 2022 (published), 75 as 2023's target.
    assert louez["Identifiant"] == louez_pk
    assert (louez["Résultat 2022 publié"], louez["Résultat 2022"]) == (73, 73)
    assert louez["Objectif 2023"] == 75
    assert louez["Comparateur"] == "objectif simple"
    assert louez["Version du résultat"] is None  # nothing open: nothing to compare with

    texts = rows_by_header(book["Textes"])
    rows = ReportRow.objects.filter(measure__number=1)
    assert [row["Identifiant"] for row in texts] == [row.pk for row in rows.order_by("position")]


def test_references_are_grey_and_locked_the_cells_to_fill_free(client, editor):
    login(client, editor)
    ws = open_xlsx(client.get(workbook_url()))["Indicateurs"]
    headers = [cell.value for cell in ws[1]]
    reference, to_fill = ws.cell(2, 1), ws.cell(2, headers.index("Résultat 2022") + 1)
    assert ws.protection.sheet is True
    assert (reference.protection.locked, to_fill.protection.locked) == (True, False)
    assert reference.fill.fgColor.rgb.endswith("EEF0F3")
    assert to_fill.fill.fill_type is None
    assert ws.freeze_panes == "A2"
    hidden = [ws.column_dimensions[c.column_letter].hidden for c in ws[1]]
    assert [h for h, is_hidden in zip(headers, hidden, strict=True) if is_hidden] == [
        "Version du résultat",
        "Version de l'objectif",
    ]
    # Reference figures grouped by thousands (« 365 000 » in a French spreadsheet); a cell to
    # fill keeps the general format, so that « 76,5 » typed over 73 is not shown rounded.
    published = ws.cell(2, headers.index("Résultat 2022 publié") + 1)
    assert (published.value, published.number_format) == (73, "#,##0")
    assert (to_fill.value, to_fill.number_format) == (73, "General")


def test_choices_are_drop_down_lists_in_french(client, editor):
    login(client, editor)
    book = open_xlsx(client.get(workbook_url()))
    ws = book["Indicateurs"]
    headers = [cell.value for cell in ws[1]]
    lists = {}
    for validation in ws.data_validations.dataValidation:
        column = str(validation.sqref).split(":")[0].rstrip("0123456789")
        lists[headers[ord(column) - ord("A")]] = validation.formula1
    assert lists == {
        "Le résultat est": '"valeur exacte,plus de,au moins"',
        "Comparateur": '"objectif simple,au moins,au plus"',
        "Motif du changement d'objectif": (
            "\"réajustement budgétaire,retard de mise en œuvre,correction d'une erreur,"
            'évolution du contexte,autre motif"'
        ),
    }
    milestone_lists = [v.formula1 for v in book["Jalons"].data_validations.dataValidation]
    assert milestone_lists == ['"prévu,en cours,réalisé,en retard,abandonné"']


def test_a_draft_fills_its_cells_with_its_version(client, editor):
    louez = Indicator.objects.get(label=LOUEZ)
    ReportingYear.objects.create(plan=louez.report_row.measure.axis.plan, year=2023)
    draft = YearResult.objects.create(
        indicator=louez,
        year=2023,
        value=Decimal("76.5"),
        as_of=date(2023, 12, 31),
        source="Tableau fictif",
        status=EntryStatus.DRAFT,
        entered_by=editor,
    )
    login(client, editor)
    ws = open_xlsx(client.get(workbook_url(year=2023)))["Indicateurs"]
    row = next(r for r in rows_by_header(ws) if r["Indicateur"] == LOUEZ)
    assert row["Résultat 2023"] == 76.5
    assert row["Valeur au"].date() == date(2023, 12, 31)
    assert row["Source (document)"] == "Tableau fictif"
    assert row["Résultat 2023 publié"] is None
    assert row["Objectif 2023"] == "75\xa0logements"
    assert row["Version du résultat"] == draft.revision
    cells = {c.value: c for c in ws[1]}
    column = cells["Valeur au"].column_letter
    assert ws[f"{column}2"].number_format == "DD/MM/YYYY"


def test_the_ods_workbook_holds_the_same_sheets(client, editor, tmp_path):
    login(client, editor)
    response = client.get(workbook_url(fmt="ods"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    path = tmp_path / "collecte.ods"
    path.write_bytes(response.content)
    sheets = read_ods(path)
    assert list(sheets) == ["Lisez-moi", "Indicateurs", "Jalons", "Textes", "Engagements"]
    header, *rows = sheets["Indicateurs"]
    louez = next(row for row in rows if LOUEZ in row)
    assert louez[header.index("Résultat 2022")] == "73"

    from odf.opendocument import load
    from odf.table import ContentValidation, Table

    document = load(str(path))
    conditions = [
        v.getAttribute("condition") for v in document.getElementsByType(ContentValidation)
    ]
    assert 'of:cell-content-is-in-list("objectif simple";"au moins";"au plus")' in conditions
    # Whole numbers grouped by thousands (« 365 000 »), as in the XLSX.
    from odf.number import Number, NumberStyle

    styles = {
        style.getAttribute("name"): style for style in document.getElementsByType(NumberStyle)
    }
    (whole,) = styles["entier"].getElementsByType(Number)
    assert (whole.getAttribute("grouping"), whole.getAttribute("decimalplaces")) == ("true", "0")
    tables = {t.getAttribute("name"): t for t in document.getElementsByType(Table)}
    assert tables["Indicateurs"].getAttribute("protected") == "true"
    # The header row of each sheet is frozen (LibreOffice's view settings).
    from odf.config import ConfigItem, ConfigItemMapEntry

    frozen = {
        entry.getAttribute("name")
        for entry in document.getElementsByType(ConfigItemMapEntry)
        if entry.getAttribute("name")
        and any(
            item.getAttribute("name") == "VerticalSplitPosition" and str(item) == "1"
            for item in entry.getElementsByType(ConfigItem)
        )
    }
    assert frozen == {"Indicateurs", "Jalons", "Textes", "Engagements"}


def test_an_agent_cannot_download_another_measure(client, editor):
    login(client, editor)
    assert client.get(workbook_url(number=5)).status_code == 403


def test_others_are_refused_in_french(client, seed_plan, partner):
    assert client.get(workbook_url()).status_code == 302  # to the login page
    login(client, partner)
    assert client.get(workbook_url()).status_code == 403
    editor = make_user("agent-classeur", roles.EDITORS, measures=[1])
    login(client, editor)
    response = client.get(workbook_url(fmt="csv"))
    assert response.status_code == 404
    words = response.content.decode().replace("\xa0", " ").replace("\u202f", " ")
    assert "Format de classeur inconnu : « csv »" in words
    assert client.get(workbook_url(year=2031)).status_code == 404
    assert client.get(reverse("entry:plan_workbook", args=["xlsx"])).status_code == 403


def test_an_administrator_downloads_every_measure_or_the_chosen_ones(client, seed_plan):
    admin = make_user("admin-classeur", roles.ADMINISTRATORS)
    login(client, admin)
    url = reverse("entry:plan_workbook", args=["xlsx"])
    every = rows_by_header(open_xlsx(client.get(url, {"annee": 2022}))["Indicateurs"])
    assert len(every) == Indicator.objects.count()
    response = client.get(url, {"annee": 2022, "mesure": ["3", "1"]})
    assert response["Content-Disposition"] == (
        'attachment; filename="collecte-2022-mesures-1-3.xlsx"'
    )
    chosen = rows_by_header(open_xlsx(response)["Indicateurs"])
    assert {row["Mesure"] for row in chosen} == {"1", "3"}
    assert len(chosen) == Indicator.objects.filter(report_row__measure__number__in=[1, 3]).count()
    huge = client.get(url, {"mesure": "9" * 30})
    assert huge.status_code == 404
    assert client.get(url, {"mesure": "99"}).status_code == 404  # no such measure
    refused = client.get(url, {"mesure": "trois"})
    assert refused.status_code == 404
    assert "Les mesures se choisissent par leur numéro" in refused.content.decode().replace(
        "\xa0", " "
    )


def test_the_query_count_does_not_grow_with_the_plan(client, editor, django_assert_max_num_queries):
    from tests.helpers import grow_plan

    login(client, editor)
    url = reverse("entry:plan_workbook", args=["xlsx"])
    admin = make_user("admin-requetes", roles.ADMINISTRATORS)
    login(client, admin)
    with django_assert_max_num_queries(14) as small:
        client.get(url, {"annee": 2022})
    grow_plan(extra_measures=5, years=range(2021, 2027))
    with django_assert_max_num_queries(14) as large:
        assert client.get(url, {"annee": 2022}).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_workbook_is_french_whatever_the_reader_s_language(client, editor, settings):
    login(client, editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    book = open_xlsx(client.get(workbook_url()))
    assert book.sheetnames == ["Lisez-moi", "Indicateurs", "Jalons", "Textes", "Engagements"]
    assert book["Indicateurs"]["A1"].value == "Identifiant"


def test_the_readme_names_the_sheets_there_are(client, editor):
    login(client, editor)
    readme = [c.value for c in open_xlsx(client.get(workbook_url()))["Lisez-moi"]["A"]]
    assert readme[1].startswith(
        "Remplissez les cellules blanches des feuilles « Indicateurs », « Jalons », "
        "« Textes » et « Engagements »."
    )
    # 2023 is not opened in the seed: no texts nor commitments to fill yet, and it says so.
    book = open_xlsx(client.get(workbook_url(year=2023)))
    assert book.sheetnames == ["Lisez-moi", "Indicateurs", "Jalons"]
    readme = [c.value for c in book["Lisez-moi"]["A"]]
    assert readme[1].startswith(
        "Remplissez les cellules blanches des feuilles « Indicateurs » et « Jalons »."
    )
    assert any("L'année de bilan 2023 n'est pas encore ouverte" in p for p in readme)
