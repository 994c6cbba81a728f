"""Each refusal of the entry page says how to put it right (RGAA 11.11): the type or
format expected, an example, or where to write what is missing.
"""

import pytest

from tests.accounts import indicator_post, indicator_url, login

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


# (what is typed, the field refused, the message: what to type instead).
REFUSALS = [
    (
        {"result_value": "soixante"},
        "result_value",
        "Saisissez un nombre, par exemple 1 910 ou 12,5.",
    ),
    (
        {"result_value": "-3"},
        "result_value",
        "Une valeur ne peut pas être négative. Saisissez 0 ou plus.",
    ),
    (
        {"result_value": "123456789012345"},
        "result_value",
        "Ce nombre est trop grand. Saisissez au plus 12 chiffres avant la virgule.",
    ),
    (
        {"result_value": "1e400"},
        "result_value",
        "Ce nombre est trop grand. Saisissez au plus 12 chiffres avant la virgule.",
    ),
    (
        {"result_value": "7,5"},
        "result_value",
        "Saisissez un nombre entier de logements.",
    ),
    ({"result_value": "١٢"}, "result_value", "Écrivez le nombre avec les chiffres de 0 à 9."),
    (
        {"result_value": "1e2"},
        "result_value",
        f"Écrivez le nombre chiffre par chiffre, sans exposant{NBSP}: 100 et non 1e2.",
    ),
    (
        {"result_value": "7", "result_as_of": "31/02/2022"},
        "result_as_of",
        "Saisissez une date, par exemple 31/12/2023.",
    ),
    (
        {"target_value": "21"},
        "change_reason",
        f"L'objectif publié était 75{NBSP}logements{NBSP}: indiquez pourquoi il change "
        "en choisissant un motif dans la liste.",
    ),
    (
        {"target_value": "21", "change_reason": "other"},
        "change_comment",
        "Précisez le motif « autre ». Écrivez-le dans « Précision sur le motif ».",
    ),
    ({}, "__all__", "Saisissez un résultat, un objectif, ou les deux."),
]


@pytest.mark.parametrize(("fields", "field", "message"), REFUSALS)
def test_each_refusal_says_how_to_correct_it(
    client, editor, louez_solidaire, fields, field, message
):
    login(client, editor)
    # A target's change is refused on 2023's, whose target of 75 logements is published.
    year = 2023 if field.startswith("change_") else 2022
    response = client.post(
        indicator_url(louez_solidaire, year, page_year=2022),
        indicator_post(louez_solidaire, year, **fields),
    )
    assert response.status_code == 400
    form = next(
        slot.form for slot in response.context["indicator_blocks"][0][1] if slot.year == year
    )
    assert form.errors[field] == [message]


def test_a_refusal_of_an_amount_s_cents_says_how_to_round_it(client, editor, state_funding):
    login(client, editor)
    response = client.post(
        indicator_url(state_funding, 2022),
        indicator_post(state_funding, 2022, result_value="7,123"),
    )
    assert "Deux décimales au plus. Arrondissez au centième, par exemple 12,75." in (
        response.content.decode()
    )
