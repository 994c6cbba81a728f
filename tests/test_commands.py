from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators.models import YearResult
from measures.models import Plan

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_seed_plan_loads_the_plan_into_an_empty_database():
    output = run("seed_plan")
    assert Plan.objects.count() == 1
    assert "5 axes, 12 mesures" in output


def test_seed_plan_run_twice_changes_nothing_and_keeps_staff_edits():
    run("seed_plan")
    result = YearResult.objects.filter(value=73).get()
    result.comment = "Corrigé par la DLH"
    result.save()
    output = run("seed_plan")
    assert "déjà chargé" in output
    assert YearResult.objects.get(pk=result.pk).comment == "Corrigé par la DLH"
    assert Plan.objects.count() == 1


def test_demo_accounts_creates_an_admin_and_prints_its_credentials(settings):
    settings.LDAPLAN_DEMO = True
    output = run("demo_accounts")
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password("ldaplan-admin-demo")
    assert "ldaplan-admin-demo" in output


def test_demo_accounts_does_not_reveal_a_changed_password(settings):
    settings.LDAPLAN_DEMO = True
    run("demo_accounts")
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("un-autre-mot-de-passe-long")
    admin.save()
    output = run("demo_accounts")
    assert "ldaplan-admin-demo" not in output
    assert (
        get_user_model().objects.get(username="admin").check_password("un-autre-mot-de-passe-long")
    )


def test_demo_accounts_is_refused_outside_demo_mode(settings):
    settings.LDAPLAN_DEMO = False
    with pytest.raises(CommandError, match="mode démo"):
        call_command("demo_accounts")
    assert not get_user_model().objects.exists()
