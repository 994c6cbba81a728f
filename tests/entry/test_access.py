"""Who may open the entry pages and change data: login, roles, assigned measures."""

from decimal import Decimal as D
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from indicators import roles
from indicators.models import Indicator, Milestone, MilestoneYearStatus, YearResult, YearTarget
from measures.models import BilanEntry, ReportRow
from tests.accounts import indicator_post, indicator_url, login, make_user
from tests.entry.actions import text_post
from tests.helpers import make_axis, make_plan, make_row

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_the_login_page(client, louez_solidaire):
    for url in [
        reverse("entry:home"),
        reverse("entry:measure", args=[1]),
        reverse("entry:review"),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    response = client.post(indicator_url(louez_solidaire, 2023), {})
    assert response.status_code == 302
    assert not YearResult.objects.filter(year=2023).exists()


def test_partner_may_not_enter_data(client, partner, louez_solidaire):
    login(client, partner)
    assert client.get(reverse("entry:measure", args=[1])).status_code == 403
    response = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="75"),
    )
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()
    assert not YearResult.objects.filter(year=2023).exists()


def test_editor_of_another_measure_is_refused(client, other_editor, louez_solidaire):
    login(client, other_editor)
    assert client.get(reverse("entry:measure", args=[1])).status_code == 403
    response = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="75"),
    )
    assert response.status_code == 403
    assert not YearResult.objects.filter(year=2023).exists()


def test_editor_may_not_review(client, editor):
    login(client, editor)
    assert client.get(reverse("entry:review")).status_code == 403
    assert client.post(reverse("entry:review"), {"action": "publier"}).status_code == 403


def test_unnumbered_row_needs_the_all_measures_permission(client, editor, seed_plan):
    row = ReportRow.objects.get(measure__isnull=True)
    login(client, editor)
    assert client.get(reverse("entry:row", args=[row.pk])).status_code == 403
    editor.user_permissions.add(Permission.objects.get(codename="enter_all_measures"))
    fresh = get_user_model().objects.get(pk=editor.pk)
    login(client, fresh)
    assert client.get(reverse("entry:row", args=[row.pk]), {"annee": "2022"}).status_code == 200


def test_editor_home_lists_only_assigned_measures(client, editor):
    login(client, editor)
    html = client.get(reverse("entry:home")).content.decode()
    assert "/saisie/mesures/1/" in html
    assert "/saisie/mesures/2/" in html
    assert "/saisie/mesures/3/" not in html


def test_demo_accounts_cover_every_role(settings, seed_plan):
    from django.core.management import call_command

    settings.LDAPLAN_DEMO = True
    call_command("demo_accounts", stdout=StringIO())
    users = {u.username: u for u in get_user_model().objects.all()}
    assert users["admin"].is_superuser
    assert users["saisie"].has_perm("indicators.enter_data")
    assert users["validateur"].has_perm("indicators.review_entries")
    assert not users["partenaire"].has_perm("indicators.enter_data")
    assert list(users["saisie"].assigned_measures.values_list("number", flat=True)) == [1, 2, 3, 4]


def test_login_page_is_french(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "Connexion" in html
    assert "Nom d’utilisateur" in html or "Nom d'utilisateur" in html


def test_logout_is_by_post(client, editor):
    login(client, editor)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302


def data_changing_requests(seed):
    """Every view that changes data, with a request that would change something."""
    indicator = Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")
    milestone = Milestone.objects.filter(report_row__measure__number=1).first() or (
        Milestone.objects.filter(report_row__measure__number=2).first()
    )
    row = ReportRow.objects.get(measure__number=1)
    result = YearResult.objects.create(indicator=indicator, year=2024, value=D(3))
    return [
        (
            reverse("entry:indicator_year", args=[indicator.pk, 2023]),
            indicator_post(indicator, 2023, result_value="9"),
        ),
        (
            reverse("entry:milestone_year", args=[milestone.pk, 2023]),
            {f"jalon-{milestone.pk}-2023-progress": "done"},
        ),
        (reverse("entry:bilan_text", args=[row.pk, 2022]), text_post(row, 2022, bilan_text="X")),
        (reverse("entry:submit", args=["resultat", result.pk]), {}),
        (reverse("entry:submit_all", args=[1]), {}),
        (reverse("entry:review"), {"action": "valider", "entries": [f"resultat:{result.pk}"]}),
    ]


def snapshot_entries():
    return [
        sorted(model.objects.values_list("pk", "status", "revision"))
        for model in (YearResult, YearTarget, MilestoneYearStatus, BilanEntry)
    ]


@pytest.mark.parametrize("role", ["anonymous", "partner", "other_editor"])
def test_no_data_changing_view_lets_an_outsider_change_anything(client, seed_plan, role):
    requests = data_changing_requests(seed_plan)
    if role == "partner":
        login(client, make_user("p", roles.PARTNERS))
    elif role == "other_editor":
        login(client, make_user("o", roles.EDITORS, measures=[5]))
    before = snapshot_entries()
    for url, data in requests:
        response = client.post(url, data)
        expected = 302 if role == "anonymous" else 403
        assert response.status_code == expected, url
        if role == "anonymous":
            assert response.url.startswith(reverse("login")), url
    assert snapshot_entries() == before


def test_reading_can_require_login(client, seed_plan, settings):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "django.contrib.auth.middleware.LoginRequiredMiddleware",
    ]
    response = client.get(reverse("indicators:overview"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert client.get(reverse("login")).status_code == 200
    login(client, make_user("lecteur", roles.PARTNERS))
    assert client.get(reverse("indicators:overview")).status_code == 200


def test_an_entry_of_another_plan_is_checked_against_its_own_measure(client, seed_plan):
    """A measure's number names it within its plan only.

    An editor of measure 2 of a newer plan may not submit, nor save over, an
    entry of measure 2 of the seed plan: it is not theirs, whatever the numbers say —
    neither from the newer plan's pages (/plans/<slug>/…: not of this plan, 404) nor
    from the current plan's (the seed's measure 2 is not theirs, 403).
    """
    newer_plan = make_plan(title="Plan suivant", start_year=2027, end_year=2032)
    newer_row = make_row(make_axis(newer_plan), measure_number=2)
    editor = make_user("agent-plan-suivant", roles.EDITORS)
    newer_row.measure.editors.add(editor)
    old_indicator = Indicator.objects.filter(report_row__measure__number=2).first()
    draft = YearResult.objects.create(indicator=old_indicator, year=2023, value=D(5))
    login(client, editor)

    for space, refused in [(f"/plans/{newer_plan.slug}", 404), ("", 403)]:
        submit = client.post(
            space + reverse("entry:submit", args=["resultat", draft.pk]) + "?annee=2027"
        )
        save = client.post(
            space + indicator_url(old_indicator, 2023, page_year=2027),
            indicator_post(old_indicator, 2023, result_value="999"),
        )
        assert (submit.status_code, save.status_code) == (refused, refused), space
    draft.refresh_from_db()
    assert (draft.status, draft.value) == ("draft", D(5))
    assert not YearResult.objects.filter(value=999).exists()
