"""From draft to publication: submitting, what stays editable, corrections, partners, charts."""

import json
import re
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from indicators import roles
from indicators.models import YearResult, YearTarget
from tests.accounts import indicator_post, indicator_url, login
from tests.entry.actions import review, submit

pytestmark = pytest.mark.django_db


def test_full_journey_from_draft_to_the_public_chart(client, editor, reviewer, louez_solidaire):
    login(client, editor)
    bad = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="-76"),
    )
    assert bad.status_code == 400
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="76", result_source="DLH"),
    )
    result = YearResult.objects.get(indicator=louez_solidaire, year=2023)
    assert submit(client, result, "resultat").status_code == 302
    result.refresh_from_db()
    assert result.status == "submitted"

    login(client, reviewer)
    queue = client.get(reverse("entry:review")).content.decode()
    assert f"resultat:{result.pk}" in queue
    assert review(client, "valider", f"resultat:{result.pk}").status_code == 302
    assert review(client, "publier", f"resultat:{result.pk}").status_code == 302
    result.refresh_from_db()
    assert (result.status, result.reviewed_by) == ("published", reviewer)

    client.logout()
    html = client.get(reverse("indicators:axis", args=[1]), {"annee": "2023"}).content.decode()
    figure = json.loads(
        re.search(
            rf'<script id="figure-{louez_solidaire.pk}" type="application/json">(.*?)</script>',
            html,
            re.S,
        ).group(1)
    )
    bars = next(t for t in figure["data"] if t["type"] == "bar")
    assert dict(zip(bars["x"], bars["y"], strict=True))[2023] == 76.0
    assert "76\u00a0logements en 2023 pour un objectif de 75" in html


def test_submitted_entry_cannot_be_edited(client, editor, louez_solidaire):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="76"),
    )
    result = YearResult.objects.get(indicator=louez_solidaire, year=2023)
    submit(client, result, "resultat")
    response = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="90", result_revision="2"),
    )
    assert response.status_code == 400
    assert "ne peut plus être modifiée" in response.content.decode()
    result.refresh_from_db()
    assert result.value == D(76)


def test_correcting_a_published_value_keeps_the_old_one_until_publication(
    client, editor, reviewer, louez_solidaire
):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2022),
        indicator_post(louez_solidaire, 2022, result_value="74"),
    )
    correction = YearResult.objects.get(indicator=louez_solidaire, year=2022, status="draft")
    original = YearResult.objects.get(indicator=louez_solidaire, year=2022, status="published")
    assert original.value == D(73)
    submit(client, correction, "resultat")
    login(client, reviewer)
    review(client, "valider", f"resultat:{correction.pk}")
    review(client, "publier", f"resultat:{correction.pk}")
    original.refresh_from_db()
    correction.refresh_from_db()
    assert (original.status, correction.status) == ("superseded", "published")


def test_partner_sees_validated_figures_only_when_allowed(
    client, editor, reviewer, partner, louez_solidaire
):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="76"),
    )
    result = YearResult.objects.get(indicator=louez_solidaire, year=2023)
    submit(client, result, "resultat")
    login(client, reviewer)
    review(client, "valider", f"resultat:{result.pk}")
    sentence = "76\u00a0logements en 2023"
    login(client, partner)
    page = client.get(reverse("indicators:axis", args=[1]), {"annee": "2023"}).content.decode()
    assert sentence not in page
    Group.objects.get(name=roles.PARTNERS).permissions.add(
        Permission.objects.get(codename="view_validated")
    )
    login(client, get_user_model().objects.get(pk=partner.pk))
    page = client.get(reverse("indicators:axis", args=[1]), {"annee": "2023"}).content.decode()
    assert sentence in page
    client.logout()
    page = client.get(reverse("indicators:axis", args=[1]), {"annee": "2023"}).content.decode()
    assert sentence not in page


def test_chart_shows_the_original_and_the_current_target_when_they_differ(
    client, editor, reviewer, louez_solidaire
):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, target_value="70", change_reason="delay"),
    )
    draft = YearTarget.objects.get(indicator=louez_solidaire, year=2023, status="draft")
    submit(client, draft, "objectif")
    login(client, reviewer)
    review(client, "valider", f"objectif:{draft.pk}")
    review(client, "publier", f"objectif:{draft.pk}")
    client.logout()
    html = client.get(reverse("indicators:axis", args=[1]), {"annee": "2023"}).content.decode()
    figure = json.loads(
        re.search(
            rf'<script id="figure-{louez_solidaire.pk}" type="application/json">(.*?)</script>',
            html,
            re.S,
        ).group(1)
    )
    by_name = {t["name"]: dict(zip(t["x"], t["y"], strict=True)) for t in figure["data"]}
    assert by_name["Objectif"][2023] == 70.0
    assert by_name["Objectif initial"][2023] == 75.0
    assert by_name["Objectif initial"][2022] is None
