"""Two years compared (/comparaison/): the seed's 2022 bilan and made-up 2023 values (fictifs)."""

import html as html_lib
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from core.workflow import EntryStatus
from indicators.models import Indicator, YearResult
from measures.models import Plan, ReportingYear
from tests.helpers import grow_plan

pytestmark = pytest.mark.django_db

LOUEZ = "Logements Louez solidaire captés dans l'année"
PENSIONS = "Pensions de Famille agréées au cours de la mandature"
CONVENTIONS = "Bailleurs sociaux ayant signé une convention Un chez-soi d'abord"
BENEFICIARIES = "Bénéficiaires d'Un chez-soi d'abord Paris"


def text(response) -> str:
    main = re.search(r"<main.*?</main>", response.content.decode(), re.S).group()
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def publish_2023(values: dict[str, int], status=EntryStatus.PUBLISHED):
    ReportingYear.objects.get_or_create(
        plan=Plan.objects.get(), year=2023, defaults={"published_on": date(2024, 6, 1)}
    )
    for label, value in values.items():
        YearResult.objects.create(
            indicator=Indicator.objects.get(label=label),
            year=2023,
            value=Decimal(value),
            status=status,
        )


def line(page: str, label: str) -> str:
    """The cells of one indicator's line: from its label to its badge's word (and symbol)."""
    badge = r"[↗↘=+—○] (en progrès|en recul|stable|nouveau|non publié|aucune valeur)"
    return re.search(re.escape(label) + ".*?" + badge, page).group()


def test_what_improved_fell_behind_stayed_and_was_not_published(client, seed_plan):
    # Fictif: more homes captured, fewer landlords (5 → 4), the same Pensions count.
    publish_2023({LOUEZ: 80, CONVENTIONS: 4, PENSIONS: 8})

    page = text(client.get(reverse("indicators:comparison"), {"annee": "2023"}))

    assert page.startswith("Comparer deux années : 2022 et 2023")
    assert line(page, LOUEZ).endswith("73 logements 80 logements +7 logements ↗ en progrès")
    assert line(page, CONVENTIONS).endswith(
        "5 bailleurs sociaux 4 bailleurs sociaux \u22121 bailleur social ↘ en recul"
    )
    assert line(page, PENSIONS).endswith(
        "8 Pensions de Famille 8 Pensions de Famille 0 Pension de Famille = stable"
    )
    published_2022 = YearResult.objects.filter(year=2022, status=EntryStatus.PUBLISHED).count()
    never = Indicator.objects.count() - published_2022
    summary = re.search(r"Sur \d+ indicateurs : [^.]*\.", page).group()
    assert summary == (
        f"Sur {Indicator.objects.count()} indicateurs : 1 en progrès, 1 en recul, 1 stable, "
        f"{published_2022 - 3} non publiés en 2023, "
        f"{never} sans valeur publiée ni en 2022 ni en 2023."
    )


def test_a_value_only_the_later_year_has_is_new_and_drafts_never_count(client, seed_plan):
    publish_2023({BENEFICIARIES: 120})  # fictif
    publish_2023({LOUEZ: 999}, status=EntryStatus.VALIDATED)  # not published: not read

    page = text(client.get(reverse("indicators:comparison"), {"annee": "2023", "avec": "2022"}))

    assert line(page, BENEFICIARIES).endswith("aucune valeur publiée 120 bénéficiaires — + nouveau")
    assert "999" not in page
    assert line(page, LOUEZ).endswith("73 logements aucune valeur publiée — — non publié")


def test_by_default_the_latest_published_year_and_the_one_before(client, seed_plan):
    page = text(client.get(reverse("indicators:comparison")))
    assert page.startswith("Comparer deux années : 2021 et 2022")
    # The years may come in either order: the earlier is always the reference.
    swapped = text(client.get(reverse("indicators:comparison"), {"annee": "2021", "avec": "2022"}))
    assert swapped.startswith("Comparer deux années : 2021 et 2022")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"annee": "2030"}, "L'année 2030 ne fait pas partie du plan (2021-2026)."),
        ({"annee": "2022", "avec": "deux"}, "L'année deux ne fait pas partie du plan"),
        ({"annee": "2022", "avec": "2022"}, "Choisissez deux années différentes à comparer."),
    ],
)
def test_bad_years_get_a_french_message(client, seed_plan, params, message):
    response = client.get(reverse("indicators:comparison"), params)
    assert response.status_code == 404
    assert message in html_lib.unescape(response.content.decode())


def test_the_query_count_does_not_grow_with_the_plan(client, seed_plan, django_assert_num_queries):
    url = reverse("indicators:comparison")
    with django_assert_num_queries(7):
        client.get(url, {"annee": "2022"})
    grow_plan(extra_measures=5, years=range(2021, 2027))
    with django_assert_num_queries(7):
        response = client.get(url, {"annee": "2022"})
    assert response.status_code == 200
