"""Entering a year: the agent lands on the year being collected, sees what is left per
measure, types each value in one place, and result and target are never confused."""

import re

import pytest
from django.urls import reverse

from indicators import roles
from indicators.models import YearResult, YearTarget
from measures.models import Measure, ReportingYear
from tests.accounts import indicator_post, indicator_url, login, make_user
from tests.helpers import grow_plan

pytestmark = pytest.mark.django_db


def page(client, number=1, year=None):
    return client.get(reverse("entry:measure", args=[number]), {"annee": year} if year else {})


# --- Landing on the year being collected -------------------------------------------------------


def test_home_opens_on_the_latest_open_year(client, editor):
    login(client, editor)
    response = client.get(reverse("entry:home"))
    assert response.context["selected_year"] == 2022
    assert "2022 est l'année en cours de collecte." in response.content.decode()
    plan = ReportingYear.objects.get(year=2022).plan
    ReportingYear.objects.create(plan=plan, year=2023)
    response = client.get(reverse("entry:home"))
    assert response.context["selected_year"] == 2023
    assert 'href="/saisie/mesures/1/?annee=2023"' in response.content.decode()


def test_home_says_what_is_left_per_measure_as_the_measure_page_counts_it(client, editor):
    login(client, editor)
    home = client.get(reverse("entry:home"))
    html = home.content.decode()
    for measure, to_fill in home.context["measures"]:
        assert to_fill.total == page(client, measure.number, 2022).context["missing_count"]
    # Measure 2 of the seed: a 2022 result, two 2023 targets and a milestone status to fill.
    to_fill = {m.number: t for m, t in home.context["measures"]}[2]
    assert [(kind, missing.count) for kind, missing in to_fill.kinds()] == [
        ("results", 1),
        ("targets", 2),
        ("milestones", 1),
    ]
    assert re.search(
        r'href="/saisie/mesures/2/\?annee=2022#indicateur-\d+-2022">1 résultat 2022<', html
    )
    assert re.search(
        r'href="/saisie/mesures/2/\?annee=2022#indicateur-\d+-2023">2 objectifs 2023<', html
    )
    assert re.search(
        r'href="/saisie/mesures/2/\?annee=2022#jalon-\d+-2022">1 statut de jalon 2022<', html
    )
    # Each link opens the form it names.
    anchor = to_fill.results.anchor
    assert f'id="{anchor}"' in page(client, 2, 2022).content.decode()


def test_home_counts_texts_and_commitments_left(client, editor):
    login(client, editor)
    reporting_year = ReportingYear.objects.get(year=2022)
    row = Measure.objects.get(number=1).rows.get()
    row.bilan_entries.all().delete()
    row.commitments.create(reporting_year=reporting_year, position=1, text="Capter 75 logements")
    to_fill = {m.number: t for m, t in client.get(reverse("entry:home")).context["measures"]}[1]
    assert (to_fill.texts.count, to_fill.commitments.count) == (1, 1)
    assert to_fill.total == page(client, 1, 2022).context["missing_count"]


def test_home_query_count_does_not_grow_with_the_plan(client, seed_plan, django_assert_num_queries):
    admin = make_user("chef-saisie", roles.EDITORS, measures=range(1, 13))
    login(client, admin)
    client.get(reverse("entry:home"))
    # Session and user, its permissions (its own, its groups'), the plan with its years and
    # its axes for the navigation (one query), the measures, the year's reporting year (its
    # campaign), the completeness of the year (6: rows, measures' agents, indicators with
    # their results and targets, milestones with their statuses, texts, commitments with
    # their marks): 13 (the unnumbered rows are asked only of those who enter every row).
    with django_assert_num_queries(13):
        client.get(reverse("entry:home"))
    grow_plan(extra_measures=3, years=range(2021, 2027))
    with django_assert_num_queries(13):
        client.get(reverse("entry:home"))


# --- One place per value; result and target named apart -----------------------------------------


def test_the_next_year_form_takes_its_target_only(client, editor, louez_solidaire):
    login(client, editor)
    response = page(client, 1, 2022)
    html = response.content.decode()
    slots = response.context["indicator_blocks"][0][1]
    assert [sorted(n for n in s.form.fields if n.endswith("_value")) for s in slots] == [
        ["result_value", "target_value"],
        ["target_value"],
    ]
    # Every value input of the page is there once.
    names = re.findall(r'name="(ind-\d+-\d+-(?:result|target)_value)"', html)
    assert len(names) == len(set(names))
    assert f'name="ind-{louez_solidaire.pk}-2023-result_value"' not in html
    assert "Résultat 2022 et objectif 2022" in html
    assert "Objectif 2023 (plan d'action 2023)" in html
    # Each label ends, for the ear only, with its form's legend (RGAA 11.2).
    louez = "Logements Louez solidaire captés dans l&#x27;année"
    assert (
        f'<label for="id_ind-{louez_solidaire.pk}-2022-result_value">Résultat 2022'
        f'<span class="visually-hidden"> (Résultat 2022 et objectif 2022 — {louez})</span></label>'
    ) in html
    assert (
        f'<label for="id_ind-{louez_solidaire.pk}-2023-target_value">Objectif 2023'
        '<span class="visually-hidden"> (Objectif 2023 (plan d\'action 2023) — '
        f"{louez})"
        "</span></label>"
    ) in html
    assert "Résultat 2022 : <span" in html
    assert "Objectif 2023 : <span" in html


def test_a_next_year_result_is_not_entered_from_the_year_page(client, editor, louez_solidaire):
    login(client, editor)
    response = client.post(
        indicator_url(louez_solidaire, 2023, page_year=2022),
        indicator_post(louez_solidaire, 2023, result_value="80"),
    )
    assert response.status_code == 400
    assert "Saisissez l&#x27;objectif 2023." in response.content.decode()
    assert not YearResult.objects.filter(year=2023).exists()


def test_a_year_not_on_the_page_is_not_saved_from_it(client, editor, louez_solidaire):
    login(client, editor)
    response = client.post(
        indicator_url(louez_solidaire, 2024, page_year=2022),
        indicator_post(louez_solidaire, 2024, target_value="80"),
    )
    assert response.status_code == 404
    assert not YearTarget.objects.filter(year=2024, status="draft").exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"result_value": "76"}, "Résultat 2023 de « {label} » enregistré comme brouillon."),
        (
            {"target_value": "75", "target_comparator": "at_least", "change_reason": "correction"},
            "Objectif 2023 de « {label} » enregistré comme brouillon.",
        ),
        (
            {"result_value": "76", "target_value": "80", "change_reason": "context"},
            "Résultat 2023 et objectif 2023 de « {label} » enregistrés comme brouillons.",
        ),
    ],
)
def test_the_save_message_names_what_was_saved(client, editor, louez_solidaire, fields, message):
    login(client, editor)
    response = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, **fields),
        follow=True,
    )
    label = louez_solidaire.label.replace("'", "&#x27;")
    assert message.format(label=label) in response.content.decode()
