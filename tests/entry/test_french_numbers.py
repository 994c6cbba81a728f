"""Numbers in the entry forms, the French way in French, the English way in English:
shown plainly (« 365 000 », never « 3.65E+5 »), whole for counts, 0–100 for shares."""

from decimal import Decimal as D

import pytest
from django.utils import translation

from core.numbers import format_typed_number, parse_number
from indicators import roles
from indicators.entry.forms import IndicatorYearForm
from indicators.models import Indicator, YearResult, YearTarget
from tests.accounts import indicator_post, indicator_url, login, make_user

pytestmark = pytest.mark.django_db


def shown_value(indicator, value, language="fr"):
    """The value attribute of the result input for a stored ``value``."""
    with translation.override(language):
        form = IndicatorYearForm(initial={"result_value": value}, indicator=indicator, year=2022)
        return form["result_value"].value(), str(form["result_value"])


@pytest.mark.parametrize(
    ("stored", "french", "english"),
    [
        (D("3.65E+5"), "365 000", "365,000"),
        (D("365000.00"), "365 000", "365,000"),
        (D("1E+1"), "10", "10"),
        (D("1910.50"), "1 910,5", "1,910.5"),
        (D("81.5"), "81,5", "81.5"),
        (D("0.00"), "0", "0"),
        (D("12345678901.25"), "12 345 678 901,25", "12,345,678,901.25"),
    ],
)
def test_stored_numbers_are_shown_plainly_in_the_pages_language(
    state_funding, stored, french, english
):
    assert shown_value(state_funding, stored)[0] == french
    assert f'value="{french}"' in shown_value(state_funding, stored)[1]
    assert f'value="{english}"' in shown_value(state_funding, stored, "en")[1]
    # What is shown reads back to the same number.
    assert parse_number(french, "fr") == stored
    assert parse_number(english, "en") == stored


def test_the_seed_amount_of_365_000_euros_is_shown_the_french_way(client, editor, state_funding):
    login(client, editor)
    response = client.get("/saisie/mesures/1/?annee=2022")
    html = response.content.decode()
    field = f'id="id_ind-{state_funding.pk}-2022-result_value"'
    tag = next(t for t in html.split("<input") if field in t)
    assert 'value="365 000"' in tag
    assert "E+" not in html


def test_english_pages_show_and_read_numbers_the_english_way(client, editor, state_funding):
    login(client, editor)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        response = client.get("/saisie/mesures/1/?annee=2022", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert 'value="365,000"' in html
    assert format_typed_number(D("1910.5"), "en") == "1,910.5"


def test_a_typed_number_is_shown_back_as_typed_after_an_error(client, editor, state_funding):
    login(client, editor)
    response = client.post(
        indicator_url(state_funding, 2023),
        indicator_post(state_funding, 2023, result_value="1 910,5", result_as_of="1999-01-01"),
    )
    assert response.status_code == 400
    assert 'value="1 910,5"' in response.content.decode()


def test_the_published_target_in_a_message_is_written_the_french_way(
    client, editor, louez_solidaire
):
    YearTarget.objects.filter(indicator=louez_solidaire, year=2023).update(value=D("1500"))
    login(client, editor)
    response = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, target_value="1 600"),
    )
    assert response.status_code == 400
    assert "L&#x27;objectif publié était 1\u00a0500\u00a0logements" in response.content.decode()


# --- Counts take whole numbers; shares stay within 0–100 ----------------------------------------


@pytest.mark.parametrize("typed", ["73,5", "73.5", "0,01"])
def test_a_count_of_logements_takes_whole_numbers_only(client, editor, louez_solidaire, typed):
    login(client, editor)
    response = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value=typed, target_value=typed),
    )
    assert response.status_code == 400
    form = response.context["indicator_blocks"][0][1][0].form
    assert form.errors["result_value"] == ["Saisissez un nombre entier de logements."]
    assert form.errors["target_value"] == ["Saisissez un nombre entier de logements."]
    assert not YearResult.objects.filter(year=2023).exists()


def test_the_whole_number_message_elides_before_a_vowel(client, seed_plan):
    teams = Indicator.objects.get(unit="équipes")
    form = IndicatorYearForm(
        {
            f"ind-{teams.pk}-2023-result_value": "9,5",
            f"ind-{teams.pk}-2023-target_comparator": "exactly",
        },
        indicator=teams,
        year=2023,
    )
    assert form.errors["result_value"] == ["Saisissez un nombre entier d'équipes."]


def test_a_count_accepts_a_whole_number_written_with_decimals(client, editor, louez_solidaire):
    login(client, editor)
    response = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="1 076,00"),
    )
    assert response.status_code == 302
    assert YearResult.objects.get(year=2023, indicator=louez_solidaire).value == D(1076)


def test_an_amount_in_euros_keeps_its_cents(client, editor, state_funding):
    login(client, editor)
    response = client.post(
        indicator_url(state_funding, 2023),
        indicator_post(state_funding, 2023, result_value="365 000,50"),
    )
    assert response.status_code == 302
    assert YearResult.objects.get(year=2023, indicator=state_funding).value == D("365000.50")


@pytest.mark.parametrize(("typed", "saved"), [("100", True), ("20,5", True), ("100,5", False)])
def test_a_share_stays_within_0_and_100(client, seed_plan, typed, saved):
    share = Indicator.objects.filter(kind="share", report_row__measure__isnull=False).first()
    editor = make_user("agent-part", roles.EDITORS, measures=[share.report_row.measure.number])
    login(client, editor)
    response = client.post(
        indicator_url(share, 2023), indicator_post(share, 2023, result_value=typed)
    )
    assert (response.status_code == 302) is saved
    if not saved:
        form = next(
            slot.form
            for indicator, slots in response.context["indicator_blocks"]
            for slot in slots
            if indicator.pk == share.pk and slot.year == 2023
        )
        assert form.errors["result_value"] == [
            "Une part ne peut pas dépasser 100\xa0%. "
            "Saisissez un pourcentage de 0 à 100, par exemple 12,5."
        ]
    assert YearResult.objects.filter(indicator=share, year=2023).exists() is saved
