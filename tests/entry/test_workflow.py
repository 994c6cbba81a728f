"""Staff data entry: roles, forms, workflow, conflicts, history and target reasons."""

import json
import re
from decimal import Decimal as D
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import Indicator, Milestone, MilestoneYearStatus, YearResult, YearTarget
from measures.models import BilanEntry, ReportingYear, ReportRow
from tests.accounts import PASSWORD, indicator_post, indicator_url, login, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(seed_plan):
    return make_user("agent", roles.EDITORS, measures=[1, 2])


@pytest.fixture
def other_editor(seed_plan):
    return make_user("autre-agent", roles.EDITORS, measures=[5])


@pytest.fixture
def reviewer(seed_plan):
    return make_user("valideur", roles.REVIEWERS)


@pytest.fixture
def partner(seed_plan):
    return make_user("partenaire", roles.PARTNERS)


@pytest.fixture
def louez_solidaire(seed_plan):
    return Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")


# --- Access -----------------------------------------------------------------------------


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


# --- The entry page and its forms ---------------------------------------------------------


def test_entry_page_highlights_what_is_missing(client, editor, louez_solidaire):
    login(client, editor)
    html = client.get(reverse("entry:measure", args=[1]), {"annee": "2023"}).content.decode()
    assert "Saisie 2023" in html
    assert "à remplir" in html
    assert re.search(r"\d+ éléments restent à remplir", html)


def test_valid_result_is_saved_as_a_draft_and_hidden_from_the_public(
    client, editor, louez_solidaire
):
    login(client, editor)
    response = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(
            louez_solidaire, 2023, result_value="1 076", result_source="DLH", target_value="75"
        ),
    )
    assert response.status_code == 302
    result = YearResult.objects.get(indicator=louez_solidaire, year=2023)
    assert (result.value, result.status, result.entered_by) == (D(1076), "draft", editor)
    client.logout()
    html = client.get(reverse("indicators:axis", args=[1]), {"annee": "2023"}).content.decode()
    assert "1\u00a0076" not in html


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
    assert "Une part ne peut pas dépasser 100 %." in response.content.decode()
    assert not YearResult.objects.filter(indicator=share).exists()


def test_year_outside_the_plan_is_refused(client, editor, louez_solidaire):
    login(client, editor)
    url = reverse("entry:indicator_year", args=[louez_solidaire.pk, 2031])
    response = client.post(url, indicator_post(louez_solidaire, 2031, result_value="3"))
    assert response.status_code == 404
    assert not YearResult.objects.filter(year=2031).exists()


def test_french_decimal_formats_are_understood(client, editor, louez_solidaire):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="1\u202f910,5"),
    )
    assert YearResult.objects.get(year=2023, indicator=louez_solidaire).value == D("1910.5")


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


# --- No lost update ----------------------------------------------------------------------------


def test_second_save_from_a_stale_page_is_refused_with_the_other_value(
    client, editor, louez_solidaire
):
    second = make_user("agent-bis", roles.EDITORS, measures=[1])
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="74"),
    )
    # The second editor loaded the page before that save: no open entry, no revision.
    login(client, second)
    response = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="80"),
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert (
        "Quelqu&#x27;un d&#x27;autre (agent) a enregistré entre-temps : 74\u00a0logements" in html
    )
    assert 'value="80"' in html  # what they typed is still there
    assert YearResult.objects.get(year=2023, indicator=louez_solidaire).value == D(74)


def test_save_with_an_old_revision_is_refused(client, editor, louez_solidaire):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="74"),
    )
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="76", result_revision="1"),
    )
    assert YearResult.objects.get(year=2023, indicator=louez_solidaire).revision == 2
    response = client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="99", result_revision="1"),
    )
    assert response.status_code == 409
    assert YearResult.objects.get(year=2023, indicator=louez_solidaire).value == D(76)


# --- Workflow ------------------------------------------------------------------------------------


def submit(client, entry, kind):
    return client.post(
        reverse("entry:submit", args=[kind, entry.pk]) + f"?annee={entry.year}", follow=False
    )


def review(client, action, *tokens, note=""):
    return client.post(reverse("entry:review"), {"action": action, "entries": tokens, "note": note})


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


def test_publishing_a_draft_that_was_never_validated_is_refused(
    client, editor, reviewer, louez_solidaire
):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="76"),
    )
    result = YearResult.objects.get(indicator=louez_solidaire, year=2023)
    login(client, reviewer)
    response = review(client, "publier", f"resultat:{result.pk}")
    assert response.status_code == 400
    assert "Rien n&#x27;a été modifié" in response.content.decode()
    result.refresh_from_db()
    assert result.status == "draft"


def test_batch_review_is_all_or_nothing(client, editor, reviewer, louez_solidaire):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="76"),
    )
    client.post(
        indicator_url(louez_solidaire, 2024, 2023),
        indicator_post(louez_solidaire, 2024, target_value="80"),
    )
    result = YearResult.objects.get(indicator=louez_solidaire, year=2023)
    target = YearTarget.objects.get(indicator=louez_solidaire, year=2024)
    submit(client, result, "resultat")  # the target stays a draft
    login(client, reviewer)
    review(client, "valider", f"resultat:{result.pk}", f"objectif:{target.pk}")
    result.refresh_from_db()
    assert result.status == "submitted"


def test_returning_needs_a_note_and_shows_it_to_the_editor(
    client, editor, reviewer, louez_solidaire
):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="76"),
    )
    result = YearResult.objects.get(indicator=louez_solidaire, year=2023)
    submit(client, result, "resultat")
    login(client, reviewer)
    review(client, "renvoyer", f"resultat:{result.pk}")
    result.refresh_from_db()
    assert result.status == "submitted"
    review(client, "renvoyer", f"resultat:{result.pk}", note="Source à préciser")
    result.refresh_from_db()
    assert (result.status, result.review_note) == ("returned", "Source à préciser")
    login(client, editor)
    html = client.get(reverse("entry:measure", args=[1]), {"annee": "2023"}).content.decode()
    assert "Motif du renvoi : Source à préciser" in html


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


# --- Milestones and texts ---------------------------------------------------------------------


def test_milestone_status_is_entered_as_a_draft(client, editor, seed_plan):
    milestone = Milestone.objects.filter(report_row__measure__number=2).first()
    login(client, editor)
    url = reverse("entry:milestone_year", args=[milestone.pk, 2023])
    prefix = f"jalon-{milestone.pk}-2023-"
    response = client.post(url, {prefix + "progress": "in_progress", prefix + "note": "2 signées"})
    assert response.status_code == 302
    draft = MilestoneYearStatus.objects.get(milestone=milestone, year=2023, status="draft")
    assert draft.progress == "in_progress"


def test_unknown_milestone_status_is_refused(client, editor, seed_plan):
    milestone = Milestone.objects.filter(report_row__measure__number=2).first()
    login(client, editor)
    url = reverse("entry:milestone_year", args=[milestone.pk, 2023])
    response = client.post(url, {f"jalon-{milestone.pk}-2023-progress": "peut-etre"})
    assert response.status_code == 400
    assert not MilestoneYearStatus.objects.filter(milestone=milestone, status="draft").exists()


def text_post(row, year, **fields):
    prefix = f"texte-{row.pk}-{year}-"
    return {prefix + name: value for name, value in fields.items()}


def test_bilan_text_preview_renders_without_saving(client, editor, seed_plan):
    row = ReportRow.objects.get(measure__number=1)
    login(client, editor)
    url = reverse("entry:bilan_text", args=[row.pk, 2022])
    response = client.post(
        url,
        {
            **text_post(row, 2022, bilan_text="**73** logements", action_plan_text=""),
            "preview": "1",
        },
    )
    assert response.status_code == 200
    assert "<strong>73</strong> logements" in response.content.decode()
    assert not BilanEntry.objects.filter(status="draft").exists()


def test_bilan_text_with_html_is_refused(client, editor, seed_plan):
    row = ReportRow.objects.get(measure__number=1)
    login(client, editor)
    url = reverse("entry:bilan_text", args=[row.pk, 2022])
    response = client.post(url, text_post(row, 2022, bilan_text="<script>alert(1)</script>"))
    assert response.status_code == 400
    assert "Le HTML n&#x27;est pas accepté" in response.content.decode()
    assert "<script>alert(1)" not in response.content.decode()
    assert not BilanEntry.objects.filter(status="draft").exists()


def test_bilan_text_for_a_year_not_opened_is_refused(client, editor, seed_plan):
    row = ReportRow.objects.get(measure__number=1)
    login(client, editor)
    url = reverse("entry:bilan_text", args=[row.pk, 2024])
    response = client.post(url, text_post(row, 2024, bilan_text="Fait"))
    assert response.status_code == 404
    assert not ReportingYear.objects.filter(year=2024).exists()


def test_bilan_text_saved_as_draft(client, editor, seed_plan):
    row = ReportRow.objects.get(measure__number=1)
    login(client, editor)
    url = reverse("entry:bilan_text", args=[row.pk, 2022])
    response = client.post(url, text_post(row, 2022, bilan_text="Nouveau **bilan**"))
    assert response.status_code == 302
    draft = BilanEntry.objects.get(report_row=row, status="draft")
    assert draft.bilan_text == "Nouveau **bilan**"


# --- History -------------------------------------------------------------------------------------


def test_every_change_is_kept_in_the_history(client, editor, reviewer, louez_solidaire):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="74"),
    )
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="76", result_revision="1"),
    )
    result = YearResult.objects.get(indicator=louez_solidaire, year=2023)
    records = list(result.history.order_by("history_date"))
    assert [(r.value, r.history_user) for r in records] == [(D(74), editor), (D(76), editor)]


def test_measure_page_lists_the_history_for_staff_only(client, editor, louez_solidaire):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="74"),
    )
    html = client.get(reverse("indicators:measure", args=[1])).content.decode()
    assert "Historique des modifications" in html
    assert "agent" in html
    client.logout()
    html = client.get(reverse("indicators:measure", args=[1])).content.decode()
    assert "Historique des modifications" not in html


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


def test_entry_status_is_never_published_by_saving(client, editor, louez_solidaire):
    login(client, editor)
    client.post(
        indicator_url(louez_solidaire, 2023),
        indicator_post(louez_solidaire, 2023, result_value="74", status="published"),
    )
    assert YearResult.objects.get(year=2023, indicator=louez_solidaire).status == EntryStatus.DRAFT


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


def test_entry_page_query_count_does_not_grow(client, seed_plan, django_assert_num_queries):
    from tests.test_dashboard_views import grow_plan

    admin = get_user_model().objects.create_superuser("chef-saisie", password=PASSWORD)
    login(client, admin)
    url = reverse("entry:measure", args=[1])
    client.get(url, {"annee": "2022"})
    # Session and user, rows with their plan, indicators (3), milestones (2), texts and
    # commitments with their reporting year: 9; a year not yet opened asks for it: 10.
    with django_assert_num_queries(9):
        client.get(url, {"annee": "2022"})
    with django_assert_num_queries(10):
        client.get(url, {"annee": "2023"})
    grow_plan(extra_measures=3, years=range(2021, 2027))
    with django_assert_num_queries(9):
        client.get(url, {"annee": "2022"})
