"""Separation of duties: whoever entered or changed an entry does not also approve it."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from core.entries import transition
from core.workflow import PUBLISH, SUBMIT, VALIDATE, EntryStatus, WorkflowError
from indicators import roles
from indicators.management.commands.demo_accounts import DEMO_ACCOUNTS
from indicators.models import YearResult
from tests.accounts import indicator_post, indicator_url, login, make_user
from tests.entry.actions import review, submit

pytestmark = pytest.mark.django_db

REFUSAL = "Vous avez saisi ou modifié cette saisie : une autre personne doit la"


@pytest.fixture
def editor_reviewer(seed_plan):
    """An agent of measures 1 and 2 who is also a reviewer (a small team's case)."""
    user = make_user("agent-valideur", roles.EDITORS, measures=[1, 2])
    user.groups.add(Group.objects.get(name=roles.REVIEWERS))
    return user


def enter_and_submit(client, user, indicator, value="76", year=2023):
    login(client, user)
    client.post(indicator_url(indicator, year), indicator_post(indicator, year, result_value=value))
    result = YearResult.objects.get(indicator=indicator, year=year, status="draft")
    submit(client, result, "resultat")
    result.refresh_from_db()
    assert result.status == EntryStatus.SUBMITTED
    return result


def snapshot(entry):
    entry.refresh_from_db()
    return entry.status, entry.revision, entry.reviewed_by_id, entry.history.count()


@pytest.fixture(autouse=True)
def _separation_on(settings):
    """On, whatever the environment the suite runs in (its default is tested below)."""
    settings.LDAPLAN_SEPARATION_OF_DUTIES = True


@pytest.mark.parametrize(("value", "expected"), [("", "True"), ("0", "False"), ("1", "True")])
def test_the_setting_is_on_unless_the_environment_turns_it_off(value, expected):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ldaplan.settings"}
    env.pop("LDAPLAN_SEPARATION_OF_DUTIES", None)
    if value:
        env["LDAPLAN_SEPARATION_OF_DUTIES"] = value
    probe = "import django; django.setup(); from django.conf import settings; "
    probe += "print(settings.LDAPLAN_SEPARATION_OF_DUTIES)"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=django_settings.BASE_DIR,
    )
    assert result.stdout.strip() == expected


def test_the_author_may_not_validate_their_own_entry(client, editor_reviewer, louez_solidaire):
    result = enter_and_submit(client, editor_reviewer, louez_solidaire)
    before = snapshot(result)
    response = review(client, "valider", f"resultat:{result.pk}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Rien n'a été modifié." in html
    assert "une autre personne doit la valider (séparation des tâches)" in html
    # The refused line is named, so that one line of a batch can be found.
    assert "Résultat « Logements Louez solidaire captés dans l&#x27;année », 2023" in html
    assert snapshot(result) == before


def test_the_author_may_not_validate_and_publish_in_one_step(
    client, editor_reviewer, louez_solidaire
):
    result = enter_and_submit(client, editor_reviewer, louez_solidaire)
    before = snapshot(result)
    response = review(client, "valider-publier", f"resultat:{result.pk}")
    assert response.status_code == 400
    assert snapshot(result) == before


def test_the_author_may_not_publish_what_someone_else_validated(
    client, editor_reviewer, reviewer, louez_solidaire
):
    result = enter_and_submit(client, editor_reviewer, louez_solidaire)
    login(client, reviewer)
    assert review(client, "valider", f"resultat:{result.pk}").status_code == 302
    login(client, editor_reviewer)
    before = snapshot(result)
    response = review(client, "publier", f"resultat:{result.pk}")
    assert response.status_code == 400
    assert "une autre personne doit la publier" in response.content.decode()
    assert snapshot(result) == before
    assert before[0] == EntryStatus.VALIDATED


def test_the_author_may_still_send_their_entry_back(client, editor_reviewer, louez_solidaire):
    """Returning approves nothing: the author may take their own entry back for rework."""
    result = enter_and_submit(client, editor_reviewer, louez_solidaire)
    assert review(client, "renvoyer", f"resultat:{result.pk}", note="Je corrige").status_code == 302
    result.refresh_from_db()
    assert result.status == EntryStatus.RETURNED


def test_someone_else_validates_and_publishes(client, editor_reviewer, reviewer, louez_solidaire):
    result = enter_and_submit(client, editor_reviewer, louez_solidaire)
    login(client, reviewer)
    assert review(client, "valider-publier", f"resultat:{result.pk}").status_code == 302
    result.refresh_from_db()
    assert (result.status, result.reviewed_by) == (EntryStatus.PUBLISHED, reviewer)


def test_whoever_entered_first_is_an_author_too(
    client, editor, editor_reviewer, reviewer, louez_solidaire
):
    """Entered by one agent, changed by another: neither approves it, a third person does."""
    result = enter_and_submit(client, editor_reviewer, louez_solidaire)
    login(client, reviewer)
    review(client, "renvoyer", f"resultat:{result.pk}", note="Source ?")
    login(client, editor)
    post = indicator_post(louez_solidaire, 2023, result_value="77", result_revision="3")
    assert client.post(indicator_url(louez_solidaire, 2023), post).status_code == 302
    submit(client, result, "resultat")
    result.refresh_from_db()
    assert (result.status, result.entered_by) == (EntryStatus.SUBMITTED, editor)

    login(client, editor_reviewer)  # entered it first, did not change it last
    assert review(client, "valider", f"resultat:{result.pk}").status_code == 400
    login(client, reviewer)
    assert review(client, "valider", f"resultat:{result.pk}").status_code == 302


def test_a_batch_with_one_own_entry_changes_nothing(
    client, editor, editor_reviewer, louez_solidaire
):
    own = enter_and_submit(client, editor_reviewer, louez_solidaire, year=2023)
    other = enter_and_submit(client, editor, louez_solidaire, value="80", year=2024)
    login(client, editor_reviewer)
    before = (snapshot(own), snapshot(other))
    response = review(client, "valider", f"resultat:{other.pk}", f"resultat:{own.pk}")
    assert response.status_code == 400
    assert (snapshot(own), snapshot(other)) == before


def test_transition_itself_refuses_the_author(editor_reviewer, louez_solidaire):
    """Enforced where the status changes, for every caller, not only by the queue's page."""
    entry = YearResult.objects.create(
        indicator=louez_solidaire, year=2023, value=5, entered_by=editor_reviewer
    )
    transition(YearResult, entry.pk, SUBMIT, user=editor_reviewer)
    with pytest.raises(WorkflowError, match="séparation des tâches"):
        transition(YearResult, entry.pk, VALIDATE, user=editor_reviewer)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED


def test_with_the_setting_off_the_author_validates_and_publishes(
    client, settings, editor_reviewer, louez_solidaire
):
    settings.LDAPLAN_SEPARATION_OF_DUTIES = False
    result = enter_and_submit(client, editor_reviewer, louez_solidaire)
    assert review(client, "valider", f"resultat:{result.pk}").status_code == 302
    assert review(client, "publier", f"resultat:{result.pk}").status_code == 302
    result.refresh_from_db()
    assert (result.status, result.reviewed_by) == (EntryStatus.PUBLISHED, editor_reviewer)
    assert "Séparation des tâches" not in client.get(reverse("entry:review")).content.decode()


def test_with_the_setting_off_transition_lets_the_author_publish(
    settings, editor_reviewer, louez_solidaire
):
    settings.LDAPLAN_SEPARATION_OF_DUTIES = False
    entry = YearResult.objects.create(
        indicator=louez_solidaire, year=2023, value=5, entered_by=editor_reviewer
    )
    for action in (SUBMIT, VALIDATE, PUBLISH):
        transition(YearResult, entry.pk, action, user=editor_reviewer)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PUBLISHED


def test_the_queue_page_says_the_rule_when_it_is_on(client, reviewer):
    login(client, reviewer)
    assert "Séparation des tâches" in client.get(reverse("entry:review")).content.decode()


def test_demo_validator_is_not_the_demo_agent_and_approves_the_agents_entries(
    client, settings, seed_plan, louez_solidaire
):
    settings.LDAPLAN_DEMO = True
    call_command("demo_accounts", stdout=StringIO())
    users = get_user_model().objects
    agent = users.get(username="saisie")
    validator = users.get(username="validateur")
    groups = {username: group for username, _p, _r, group, _m in DEMO_ACCOUNTS}
    assert groups["saisie"] == roles.EDITORS
    assert groups["validateur"] == roles.REVIEWERS
    assert not agent.has_perm("indicators.review_entries")
    assert not validator.has_perm("indicators.enter_data")

    result = enter_and_submit(client, agent, louez_solidaire)
    login(client, validator)
    assert review(client, "valider-publier", f"resultat:{result.pk}").status_code == 302
    result.refresh_from_db()
    assert (result.status, result.entered_by, result.reviewed_by) == (
        EntryStatus.PUBLISHED,
        agent,
        validator,
    )
