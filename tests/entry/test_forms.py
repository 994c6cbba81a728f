"""The indicator form: French messages, the typed input kept, target changes with a reason."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import Indicator, YearResult, YearTarget
from tests.accounts import indicator_post, indicator_url, login, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"result_value": "-3"}, "result_value", "Une valeur ne peut pas être négative."),
        ({"result_value": "soixante"}, "result_value", "Saisissez un nombre"),
        ({"result_value": "NaN"}, "result_value", "Saisissez un nombre"),
        ({"result_value": "Infinity"}, "result_value", "Saisissez un nombre"),
        ({"result_value": "1e400"}, "result_value", "Ce nombre est trop grand."),
        ({"result_value": "123456789012345"}, "result_value", "Ce nombre est trop grand."),
        ({"result_value": "7,123"}, "result_value", "Deux décimales au plus."),
        ({"result_value": "7", "result_as_of": "31/02/2023"}, "result_as_of", "Saisissez une date"),
        ({"result_value": "7", "result_source": "x" * 301}, "result_source", "300"),
        ({}, None, "Saisissez un résultat, un objectif, ou les deux."),
    ],
)
def test_invalid_input_gets_a_french_message_and_saves_nothing(
    client, editor, louez_solidaire, fields, field, message
):
    login(client, editor)
    response = client.post(
        indicator_url(louez_solidaire, 2023), indicator_post(louez_solidaire, 2023, **fields)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    if field:
        form = response.context["indicator_blocks"][0][1][0].form
        assert field in form.errors
    assert not YearResult.objects.filter(year=2023).exists()
    assert (
        not YearTarget.objects.filter(indicator=louez_solidaire, year=2023)
        .exclude(status="published")
        .exists()
    )


def test_rejected_form_keeps_what_the_user_typed(client, editor, louez_solidaire):
    login(client, editor)
    response = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="-3", result_source="Tableau DLH"),
    )
    assert 'value="Tableau DLH"' in response.content.decode()
    assert 'value="-3"' in response.content.decode()


def test_share_above_100_is_refused_next_to_the_field(client, seed_plan):
    share = Indicator.objects.filter(kind="share", report_row__measure__number=5).first()
    user = make_user("agent-ase", roles.EDITORS, measures=[5])
    login(client, user)
    response = client.post(
        indicator_url(share, 2023), indicator_post(share, 2023, result_value="120")
    )
    assert response.status_code == 400
    assert "Une part ne peut pas dépasser 100\xa0%." in response.content.decode()
    assert not YearResult.objects.filter(indicator=share).exists()


def test_year_outside_the_plan_is_refused(client, editor, louez_solidaire):
    login(client, editor)
    url = reverse("entry:indicator_year", args=[louez_solidaire.pk, 2031])
    response = client.post(url, indicator_post(louez_solidaire, 2031, result_value="3"))
    assert response.status_code == 404
    assert not YearResult.objects.filter(year=2031).exists()


def test_french_decimal_formats_are_understood(client, editor, state_funding):
    login(client, editor)
    client.post(
        indicator_url(state_funding, 2023),
        indicator_post(state_funding, 2023, result_value="1\u202f910,5"),
    )
    assert YearResult.objects.get(year=2023, indicator=state_funding).value == D("1910.5")


def test_entry_status_is_never_published_by_saving(client, editor, louez_solidaire):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="74", status="published"),
    )
    assert YearResult.objects.get(year=2023, indicator=louez_solidaire).status == EntryStatus.DRAFT


# --- Target changes need a reason -------------------------------------------------------------


def test_changing_a_published_target_requires_a_reason(client, editor, louez_solidaire):
    login(client, editor)
    response = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, target_value="70"),
    )
    assert response.status_code == 400
    assert "indiquez pourquoi il change" in response.content.decode()
    assert YearTarget.objects.filter(indicator=louez_solidaire, year=2023).count() == 1


def test_target_change_with_a_reason_is_kept_with_its_reason(client, editor, louez_solidaire):
    login(client, editor)
    response = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(
            louez_solidaire,
            2023,
            target_value="70",
            change_reason="budget",
            change_comment="Crédits AMI réduits",
        ),
    )
    assert response.status_code == 302
    draft = YearTarget.objects.get(indicator=louez_solidaire, year=2023, status="draft")
    assert (draft.value, draft.change_reason, draft.change_comment) == (
        D(70),
        "budget",
        "Crédits AMI réduits",
    )
    published = YearTarget.objects.get(indicator=louez_solidaire, year=2023, status="published")
    assert published.value == D(75)


def test_other_reason_needs_a_comment(client, editor, louez_solidaire):
    login(client, editor)
    response = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, target_value="70", change_reason="other"),
    )
    assert response.status_code == 400
    assert "Précisez le motif « autre »." in response.content.decode()
