"""Shared by the security tests: the hypothesis profiles, one user per role, and the
objects every URL of the site points to (``targets``)."""

import os
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, settings

from core.workflow import EntryStatus
from indicators import roles
from indicators.models import (
    BilanEdition,
    BilanEditionFile,
    Indicator,
    Milestone,
    WorkbookImport,
    YearResult,
    YearTarget,
)
from indicators.notifications.tokens import unsubscribe_token
from measures.models import (
    Commitment,
    FundingSource,
    Measure,
    Partner,
    ReportingYear,
    ReportRow,
)
from tests.security.attachment_targets import attachment_targets, use_test_storage
from tests.security.detail_targets import Target, detail_targets

PASSWORD = "un-mot-de-passe-assez-long"

# Property-based tests stay bounded: a few minutes at most for the whole suite.
# HYPOTHESIS_PROFILE=thorough runs more examples on a developer's machine.
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    print_blob=True,
    database=None,
    # Each example reuses the test's client and database (rolled back per example).
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    parent=settings.get_profile("ci"),
    max_examples=500,
    derandomize=False,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Who the matrix and the leak tests play, in the order of the matrix's columns.
ROLES = ("anonymous", "reader", "partner", "other_editor", "editor", "validator", "admin")
# "This measure": the measure whose objects the URLs point to.
THIS_MEASURE = 2
OTHER_MEASURE = 5


def make_user(username, group=None, measures=(), password=None, **fields):
    """A user in ``group`` holding ``measures``; without a password unless one is given
    (hashing one costs a third of a second: the tests log in with ``force_login``)."""
    user = get_user_model().objects.create_user(username=username, password=password, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    for number in measures:
        Measure.objects.get(number=number).editors.add(user)
    return user


@dataclass
class World:
    """The seed plan, one user per role, and the objects of "this measure"."""

    users: dict
    measure: Measure
    indicator: Indicator
    milestone: Milestone
    row: ReportRow
    unnumbered_row: ReportRow


@pytest.fixture
def world(seed_plan):
    users = {
        "anonymous": None,
        "reader": make_user("lecteur"),
        "partner": make_user("partenaire", roles.PARTNERS),
        "other_editor": make_user("agent-autre", roles.EDITORS, measures=[OTHER_MEASURE]),
        "editor": make_user("agent", roles.EDITORS, measures=[THIS_MEASURE]),
        "validator": make_user("valideur", roles.REVIEWERS),
        "admin": get_user_model().objects.create_superuser("admin", password=None),
    }
    measure = Measure.objects.get(number=THIS_MEASURE)
    return World(
        users=users,
        measure=measure,
        indicator=Indicator.objects.filter(report_row__measure=measure).order_by("pk").first(),
        milestone=Milestone.objects.filter(report_row__measure=measure).order_by("pk").first(),
        row=ReportRow.objects.get(measure=measure),
        unnumbered_row=ReportRow.objects.get(measure__isnull=True),
    )


def act_as(client, world, role):
    """The client logged in as ``role`` (or logged out for "anonymous")."""
    client.logout()
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


# --- The objects the URLs point to ---------------------------------------------------------


@dataclass
class TargetObjects:
    """The objects, besides the world's, that some URLs point to."""

    draft: YearResult
    submitted: YearTarget
    commitment: Commitment
    funding_source: FundingSource


def make_target_objects(world) -> TargetObjects:
    """A draft, a submitted entry, a commitment and a frozen edition of 2022."""
    reporting_year = ReportingYear.objects.get(year=2022)
    editor = world.users["editor"]
    draft = YearResult.objects.create(
        indicator=world.indicator, year=2024, value=Decimal(3), entered_by=editor
    )
    submitted = YearTarget.objects.create(
        indicator=world.indicator,
        year=2025,
        value=Decimal(4),
        entered_by=editor,
        status=EntryStatus.SUBMITTED,
    )
    commitment = Commitment.objects.create(
        reporting_year=reporting_year,
        report_row=world.row,
        position=99,
        text="Signer 3 conventions",
    )
    edition = BilanEdition.objects.create(
        reporting_year=reporting_year,
        number=1,
        published_at=timezone.now(),
        snapshot={},
        table_html="",
    )
    BilanEditionFile.objects.create(
        edition=edition,
        format="csv",
        filename="bilan-2022-perspectives-2023.csv",
        content_type="text/csv",
        content=b"a,b\n",
    )
    funding_source = FundingSource.objects.create(
        report_row=world.row, funder=Partner.objects.get(name="Ville de Paris"), programme="Fictif"
    )
    return TargetObjects(draft, submitted, commitment, funding_source)


def reset_link() -> str:
    """A valid forgotten-password link, for an account of its own: no role logs in as it,
    which would change its last login and so end the link."""
    user = make_user("mot-de-passe-oublie", password=PASSWORD, email="oubli@paris.example")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(
        "password_reset_confirm",
        kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)},
    )


def site_targets(world) -> dict[str, Target]:
    """The site's own pages, sign-in, open data and the API."""
    indicator = world.indicator
    return {
        "login": Target(reverse("login"), {}),
        "logout": Target(reverse("logout"), {}),
        # Single sign-on is off in the tests' settings: its addresses answer 404
        # (tests/oidc covers them with a provider configured).
        "sso_login": Target(reverse("sso_login"), {}),
        "oidc_authentication_callback": Target(reverse("oidc_authentication_callback"), {}),
        "landing": Target(reverse("landing"), {}),
        "password_change": Target(reverse("password_change"), {}),
        "password_change_done": Target(reverse("password_change_done"), {}),
        # A forgotten password: the form (posted empty, so refused: nothing counted or
        # sent), its « sent » page, and a real link, which every role may follow.
        "password_reset": Target(reverse("password_reset"), {}),
        "password_reset_done": Target(reverse("password_reset_done"), {}),
        "password_reset_confirm": Target(reset_link(), {}),
        # The second factor (TOTP): off in the tests' settings, so nothing is owed and both
        # pages send a signed-in role on (tests/security/test_second_factor.py has it on).
        "second_factor": Target(reverse("second_factor"), {"code": "123456"}),
        "second_factor_enrol": Target(reverse("second_factor_enrol"), {"code": "123456"}),
        "admin:index": Target(reverse("admin:index"), {}),
        "healthz": Target(reverse("healthz"), {}),
        "set_language": Target(reverse("set_language"), {"language": "fr", "next": "/"}),
        "accessibility": Target(reverse("accessibility"), {}),
        "glossary": Target(reverse("glossary"), {}),
        "site_map": Target(reverse("site_map"), {}),
        "plan_list": Target(reverse("plan_list"), {}),
        "opendata:index": Target(reverse("opendata:index"), {}),
        "opendata:values_csv": Target(reverse("opendata:values_csv"), {}),
        "opendata:values_json": Target(reverse("opendata:values_json"), {}),
        "opendata:values_french_csv": Target(reverse("opendata:values_french_csv"), {}),
        "opendata:schema_json": Target(reverse("opendata:schema_json"), {}),
        "opendata:values_sheet_schema_json": Target(
            reverse("opendata:values_sheet_schema_json"), {}
        ),
        "api:api-root": Target(reverse("api:api-root"), {}),
        "api:openapi-json": Target(reverse("api:openapi-json"), {}),
        "api:openapi-view": Target(reverse("api:openapi-view"), {}),
        "api:list_axes": Target(reverse("api:list_axes"), {}),
        "api:list_measures": Target(reverse("api:list_measures"), {}),
        "api:list_indicators": Target(reverse("api:list_indicators"), {}),
        "api:indicator_detail": Target(
            reverse("api:indicator_detail", kwargs={"indicator_id": indicator.pk}), {}
        ),
        # Each role posts the choices its form has (the others are ignored).
        "notifications:preferences": Target(
            reverse("notifications:preferences"), {"bilan_published": "on", "digest": "daily"}
        ),
        # The unsubscribe link of the editor's reminders: anyone who holds it may use it.
        "notifications:unsubscribe": Target(
            reverse(
                "notifications:unsubscribe",
                args=[unsubscribe_token(world.users["editor"], "reminders")],
            ),
            {},
        ),
    }


def workbook_targets(world) -> dict[str, Target]:
    """The collection workbooks, sent and received."""
    imported = WorkbookImport.objects.create(
        plan=world.measure.axis.plan,
        year=2022,
        measure_number=world.measure.number,
        uploaded_by=world.users["editor"],
        file_name="collecte.xlsx",
        sha256="0" * 64,
        content=b"not a workbook",
    )
    return {
        "entry:measure_workbook": Target(
            reverse("entry:measure_workbook", args=[world.measure.number, "xlsx"]), {}
        ),
        "entry:row_workbook": Target(
            reverse("entry:row_workbook", args=[world.unnumbered_row.pk, "ods"]), {}
        ),
        "entry:plan_workbook": Target(reverse("entry:plan_workbook", args=["xlsx"]), {}),
        # Sent without a file: refused in French (400) by whoever may send one.
        "entry:measure_import": Target(
            reverse("entry:measure_import", args=[world.measure.number]), {}
        ),
        "entry:row_import": Target(reverse("entry:row_import", args=[world.unnumbered_row.pk]), {}),
        "entry:plan_import": Target(reverse("entry:plan_import"), {}),
        # The editor's import of a file that is no workbook: only its sender reads it, and
        # its confirmation imports nothing (409).
        "entry:import_preview": Target(reverse("entry:import_preview", args=[imported.pk]), {}),
        "entry:import_confirm": Target(reverse("entry:import_confirm", args=[imported.pk]), {}),
    }


def entry_targets(world, objects: TargetObjects) -> dict[str, Target]:
    """The staff pages: entry, saving, submitting, reviewing."""
    indicator, milestone, row = world.indicator, world.milestone, world.row
    commitment = objects.commitment
    ind = f"ind-{indicator.pk}-2023-"
    jalon = f"jalon-{milestone.pk}-2023-"
    texte = f"texte-{row.pk}-2022-"
    return {
        "entry:home": Target(reverse("entry:home"), {}),
        "entry:measure": Target(reverse("entry:measure", args=[world.measure.number]), {}),
        "entry:row": Target(reverse("entry:row", args=[world.unnumbered_row.pk]), {}),
        "entry:submit_all": Target(
            reverse("entry:submit_all", args=[world.measure.number]) + "?annee=2023", {}
        ),
        "entry:indicator_year": Target(
            reverse("entry:indicator_year", args=[indicator.pk, 2023]) + "?annee=2023",
            {ind + "result_value": "12", ind + "target_comparator": "exactly"},
        ),
        "entry:milestone_year": Target(
            reverse("entry:milestone_year", args=[milestone.pk, 2023]),
            {jalon + "progress": "done", jalon + "note": "Signées"},
        ),
        "entry:bilan_text": Target(
            reverse("entry:bilan_text", args=[row.pk, 2022]),
            {texte + "bilan_text": "Nouveau **bilan**"},
        ),
        "entry:commitment": Target(
            reverse("entry:commitment", args=[commitment.pk]),
            {
                f"engagement-{commitment.pk}-outcome": "done",
                f"engagement-{commitment.pk}-revision": "",
            },
        ),
        "entry:submit": Target(
            reverse("entry:submit", args=["resultat", objects.draft.pk]) + "?annee=2024", {}
        ),
        "entry:completeness": Target(reverse("entry:completeness"), {}),
        "entry:calendar": Target(
            reverse("entry:calendar", args=[2022]),
            {"collection_opens_on": "2023-01-09", "collection_closes_on": "2023-03-31"},
        ),
        "entry:review": Target(
            reverse("entry:review"),
            {"action": "valider", "entries": [f"objectif:{objects.submitted.pk}"]},
        ),
        "entry:exchange_year": Target(
            reverse("entry:exchange_year", args=["resultat", indicator.pk, 2023]) + "?annee=2023",
            {f"echanges-resultat-{indicator.pk}-2023-text": "Source à vérifier (fictif)"},
        ),
        "entry:exchange": Target(
            reverse("entry:exchange", args=["engagement", commitment.pk]),
            {f"echanges-engagement-{commitment.pk}-text": "Convention signée ? (fictif)"},
        ),
    }


def public_targets(world) -> dict[str, Target]:
    """The dashboard and the annual bilan."""
    return {
        "indicators:overview": Target(reverse("indicators:overview"), {}),
        "indicators:axis": Target(reverse("indicators:axis", args=[world.measure.axis.number]), {}),
        "indicators:measure": Target(
            reverse("indicators:measure", args=[world.measure.number]), {}
        ),
        "indicators:axis_period": Target(
            reverse("indicators:axis_period", args=[world.measure.axis.number]), {}
        ),
        "indicators:measure_period": Target(
            reverse("indicators:measure_period", args=[world.measure.number]), {}
        ),
        "indicators:measure_history": Target(
            reverse("indicators:measure_history", args=[world.measure.number]), {}
        ),
        "indicators:comparison": Target(reverse("indicators:comparison"), {}),
        "indicators:indicator_embed": Target(
            reverse("indicators:indicator_embed", args=[world.indicator.pk]), {}
        ),
        "indicators:indicator_chart_csv": Target(
            reverse("indicators:indicator_chart_csv", args=[world.indicator.pk]), {}
        ),
        "indicators:bilan_final": Target(reverse("indicators:bilan_final"), {}),
        "indicators:bilan_final_publish": Target(reverse("indicators:bilan_final_publish"), {}),
        # No final edition in this world (its plan's last year is not out): the same 404
        # for everyone; tests/bilan/test_final_bilan_editions.py downloads a real one.
        "indicators:bilan_final_edition_file": Target(
            reverse("indicators:bilan_final_edition_file", args=[1, "csv"]), {}
        ),
        "indicators:bilan_final_export": Target(
            reverse("indicators:bilan_final_export", args=["json"]), {}
        ),
        "indicators:bilan_latest": Target(reverse("indicators:bilan_latest"), {}),
        "indicators:bilan": Target(reverse("indicators:bilan", args=[2022]), {}),
        "indicators:bilan_export": Target(
            reverse("indicators:bilan_export", args=[2022, "json"]), {}
        ),
        "indicators:bilan_publish": Target(
            reverse("indicators:bilan_publish", args=[2022]), {"note": "Édition de test"}
        ),
        "indicators:bilan_open": Target(reverse("indicators:bilan_open", args=[2023]), {}),
        "indicators:bilan_edition_file": Target(
            reverse("indicators:bilan_edition_file", args=[2022, 1, "csv"]), {}
        ),
    }


@pytest.fixture
def targets(world, settings, tmp_path):
    """name → Target, with real ids: "this measure" is the one the editor holds."""
    objects = make_target_objects(world)
    use_test_storage(settings, tmp_path / "media")
    return (
        site_targets(world)
        | entry_targets(world, objects)
        | workbook_targets(world)
        | public_targets(world)
        | detail_targets(world, objects)
        | attachment_targets(world, objects)
    )
