from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError

from indicators.management.commands.generate_scale_data import (
    INDICATORS_PER_ROW,
    YEARS_PER_PLAN,
)
from indicators.models import Indicator, MilestoneYearStatus, YearResult, YearTarget
from measures.models import BilanEntry, Plan, ReportRow

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


def test_generate_scale_data_copies_the_seed_plan_with_values_every_year(seed_plan):
    seed = Plan.objects.get()
    seed_rows = ReportRow.objects.filter(ambition__axis__plan=seed).count()
    output = run("generate_scale_data", "--copies", "2")

    assert "2 plans ajoutés" in output
    generated = Plan.objects.exclude(pk=seed.pk)
    assert generated.count() == 2
    for plan in generated:
        assert plan.end_year - plan.start_year + 1 == YEARS_PER_PLAN
        rows = ReportRow.objects.filter(ambition__axis__plan=plan)
        assert rows.count() == seed_rows
        indicators = Indicator.objects.filter(report_row__in=rows)
        assert indicators.count() == seed_rows * INDICATORS_PER_ROW
        assert YearTarget.objects.filter(indicator__in=indicators).count() == (
            seed_rows * INDICATORS_PER_ROW * YEARS_PER_PLAN
        )
        assert YearResult.objects.filter(indicator__in=indicators).count() == (
            seed_rows * INDICATORS_PER_ROW * YEARS_PER_PLAN
        )
        assert MilestoneYearStatus.objects.filter(milestone__report_row__in=rows).count() == (
            seed_rows * YEARS_PER_PLAN
        )
        assert BilanEntry.objects.filter(report_row__in=rows).count() == (
            seed_rows * YEARS_PER_PLAN
        )


def test_generate_scale_data_needs_the_seed_plan_first():
    with pytest.raises(CommandError, match="seed_plan"):
        run("generate_scale_data", "--copies", "1")


@pytest.mark.parametrize(
    "name",
    [
        "seed_plan",
        "demo_accounts",
        "export_bilan",
        "backup",
        "restore",
        "send_reminders",
        "send_digests",
    ],
)
def test_each_command_prints_its_help(name, capsys):
    with pytest.raises(SystemExit) as ended:
        ManagementUtility(["manage.py", name, "--help"]).execute()
    assert ended.value.code == 0
    assert "--help" in capsys.readouterr().out


def test_grow_current_plan_makes_the_shown_plan_larger_with_entries_waiting(seed_plan, client):
    """The bench's staff pages read a plan made N times larger (made-up values)."""
    from measures.models import Axis, Measure

    plan = Plan.objects.get()
    rows_before = ReportRow.objects.filter(ambition__axis__plan=plan).count()
    headlines_before = Indicator.objects.filter(is_headline=True).count()
    output = run("grow_current_plan", "--factor", "3", "--submitted-year", "2023")

    added = rows_before * 2
    assert f"{added} lignes ajoutées" in output
    assert ReportRow.objects.filter(ambition__axis__plan=plan).count() == rows_before * 3
    assert Axis.objects.filter(plan=plan).count() == 15
    numbers = list(Measure.objects.filter(axis__plan=plan).values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 36
    assert YearResult.objects.filter(status="submitted", year=2023).count() == added * 5
    # The public overview keeps its key indicators; the copies answer at their own address.
    assert Indicator.objects.filter(is_headline=True).count() == headlines_before
    assert client.get("/mesures/36/").status_code == 200
    with pytest.raises(CommandError, match="au moins 2"):
        run("grow_current_plan", "--factor", "1", "--submitted-year", "2023")
