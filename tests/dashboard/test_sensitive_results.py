"""City-wide results of an indicator an administrator flagged « sensible »: a small one
reads « moins de 5 » on the readers' pages, files and API, and nothing they are shown
counts it; the staff's entry page keeps it exact; a bilan published before the flag
stays as published.

The indicator is the report's « Personnes sans-abri relogées « de la rue au logement »
en Pension de Famille » (4 in 2022, in the bilan published on 1 July 2023). Every 2023
figure here is made up.
"""

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from core.workflow import EntryStatus
from indicators.dashboard.rows import indicator_row
from indicators.dashboard.sentences import point_result_text
from indicators.models import Indicator, YearResult
from indicators.roles import EDITORS, PARTNERS
from indicators.series import NO_VALUE, trend, year_series
from measures.reporting_years import ReportingYear
from tests.accounts import login, make_user

pytestmark = pytest.mark.django_db

# Made up: 3 people rehoused in 2023.
MADE_UP_2023 = Decimal(3)


@pytest.fixture
def rehoused(seed_plan):
    """The indicator, flagged sensitive, with a made-up 2023 result of 3 published."""
    indicator = Indicator.objects.get(pk=11)
    assert indicator.label.startswith("Personnes sans-abri relogées")
    indicator.is_sensitive = True
    indicator.save()
    ReportingYear.objects.create(plan=indicator.report_row.ambition.axis.plan, year=2023)
    YearResult.objects.create(
        indicator=indicator, year=2023, value=MADE_UP_2023, status=EntryStatus.PUBLISHED
    )
    return indicator


def row_of(indicator, year=2023):
    return indicator_row(Indicator.objects.filter(pk=indicator.pk).for_dashboard().get(), year)


def test_the_flag_records_its_date_and_forgets_it_when_lowered(rehoused):
    assert rehoused.sensitive_since == timezone.localdate()
    rehoused.is_sensitive = False
    rehoused.save(update_fields=["is_sensitive"])
    rehoused.refresh_from_db()
    assert rehoused.sensitive_since is None


def test_a_small_result_is_withheld_and_counted_nowhere(rehoused):
    row = row_of(rehoused)
    point = row.point(2023)
    assert point.result is None
    assert point.withheld_below == 5
    assert point_result_text(point, row.unit).replace("\xa0", " ") == "moins de 5 personnes"
    # The 2022 figure was published in a bilan before the flag: it stays as published.
    assert row.point(2022).result == Decimal(4)
    # The running total adds only what is shown, and says which year it lacks.
    results = {p.year: p.result for p in row.points if p.result is not None}
    lines = year_series(rehoused.kind, [2022, 2023], results, {}, phases={})
    assert trend(rehoused.kind, lines).value == Decimal(4)
    assert (lines[1].state, lines[1].result) == (NO_VALUE, None)


def test_a_result_of_k_or_more_is_shown(rehoused):
    YearResult.objects.filter(indicator=rehoused, year=2023).update(value=Decimal(5))
    assert row_of(rehoused).point(2023).result == Decimal(5)


def test_an_indicator_not_flagged_shows_its_small_result(rehoused):
    rehoused.is_sensitive = False
    rehoused.save()
    point = row_of(rehoused).point(2023)
    assert (point.result, point.withheld_below) == (MADE_UP_2023, None)


def test_the_threshold_is_the_setting(rehoused, settings):
    settings.LDAPLAN_SMALL_COUNT_THRESHOLD = 3
    assert row_of(rehoused).point(2023).result == MADE_UP_2023
    settings.LDAPLAN_SMALL_COUNT_THRESHOLD = 10
    row = row_of(rehoused)
    assert row.point(2023).withheld_below == 10
    # The 2022 bilan came out before the flag: 4 stays, though under 10.
    assert row.point(2022).result == Decimal(4)


@pytest.mark.parametrize(
    ("published_on", "withheld"),
    [
        (timezone.localdate() - timedelta(days=1), False),  # before the flag: as published
        (timezone.localdate(), True),  # the same day: not before it
        (None, True),  # not published
    ],
)
def test_a_bilan_published_before_the_flag_stays_as_published(rehoused, published_on, withheld):
    ReportingYear.objects.filter(year=2023).update(published_on=published_on)
    assert (row_of(rehoused).point(2023).withheld_below is not None) is withheld


def test_a_bilan_published_after_the_flag_protects_the_earlier_year_too(rehoused):
    """Raised before the 2022 bilan came out, the flag protects its 4."""
    Indicator.objects.filter(pk=rehoused.pk).update(sensitive_since=date(2023, 1, 1))
    assert row_of(rehoused, 2022).point(2022).withheld_below == 5


def indicator_section(html, pk):
    """The part of a page about indicator ``pk``: from its anchor to the next one."""
    start = html.index(f'id="indicateur-{pk}"')
    following = re.search(r'id="indicateur-\d+"', html[start + 10 :])
    return html[start : start + 10 + following.start()] if following else html[start:]


def test_the_measure_page_says_moins_de_5_in_its_table_and_sentence(client, rehoused):
    # The 2023 bilan out on the day the flag was raised: its figure is protected.
    ReportingYear.objects.filter(year=2023).update(published_on=timezone.localdate())
    html = client.get(reverse("indicators:measure", args=[3]), {"annee": 2023}).content.decode()
    section = indicator_section(html.replace("\xa0", " "), rehoused.pk)
    assert "Moins de 5 personnes en 2023" in section
    assert re.search(
        r'<th scope="row">2023</th>\s*<td class="prose">—</td>\s*'
        r'<td class="prose">moins de 5 personnes</td>',
        section,
    )
    assert not re.search(r"\b3 personnes\b", section)


def test_partners_reading_a_validated_result_see_it_withheld_too(client, rehoused):
    ReportingYear.objects.filter(year=2023).update(published_on=timezone.localdate())
    YearResult.objects.filter(indicator=rehoused, year=2023).update(status=EntryStatus.VALIDATED)
    partner = make_user("partenaire", PARTNERS)
    # The administrators let partners read validated figures before publication.
    partner.user_permissions.add(Permission.objects.get(codename="view_validated"))
    login(client, partner)
    html = client.get(reverse("indicators:measure", args=[3]), {"annee": 2023}).content.decode()
    section = indicator_section(html.replace("\xa0", " "), rehoused.pk)
    assert "Moins de 5 personnes en 2023" in section


def test_the_staff_entry_page_keeps_the_exact_figure(client, rehoused):
    login(client, make_user("agent", EDITORS, measures=[3]))
    html = client.get(reverse("entry:measure", args=[3]), {"annee": 2023}).content.decode()
    assert re.search(r'name="ind-11-2023-result_value"[^>]*value="3"', html)


def test_open_data_and_api_give_the_threshold_as_a_bound(client, rehoused):
    text = client.get(reverse("opendata:values_csv")).content.decode("utf-8")
    rows = [
        row
        for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        if row["indicateur_id"] == str(rehoused.pk) and row["type_valeur"] == "resultat"
    ]
    by_year = {row["annee"]: row for row in rows}
    assert by_year["2023"]["valeur"] == "5"
    assert by_year["2023"]["comparateur"] == "less_than"
    assert by_year["2023"]["borne"] == "less_than"
    assert by_year["2023"]["valeur_texte"].replace("\xa0", " ") == "moins de 5 personnes"
    assert by_year["2022"]["valeur"] == "4"
    values = client.get(f"/api/indicateurs/{rehoused.pk}").json()["valeurs"]
    result_2023 = next(v for v in values if v["type_valeur"] == "resultat" and v["annee"] == 2023)
    assert (result_2023["valeur"], result_2023["comparateur"]) == (5, "less_than")
    assert "3" not in str(result_2023["valeur"])


def test_the_comparison_page_says_moins_de_5_not_none_published(client, rehoused):
    ReportingYear.objects.filter(year=2023).update(published_on=timezone.localdate())
    html = client.get(reverse("indicators:comparison"), {"annee": "2023", "avec": "2022"})
    row = re.search(
        r'<th scope="row"[^>]*>.{0,400}?de la rue au logement.*?</tr>',
        html.content.decode().replace("\xa0", " "),
        re.S,
    ).group()
    assert "moins de 5 personnes" in row
    assert "4 personnes" in row
    assert "aucune valeur publiée" not in row
