"""Who may do what, for every URL of the site: a matrix generated from the URL configuration.

Every named URL (the admin's own pages aside: its index stands for them) is
requested with real ids from the seed plan, by every role, with GET and POST.
The outcome expected for each (URL name, method, role) is written once, in
``MATRIX`` below; a URL that has no row there fails ``test_every_url_has_a_row``,
so a new page cannot ship without saying who may open it.

Each request runs in a savepoint that is rolled back: cells do not depend on
each other, and a refused request is checked to have changed nothing.
"""

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from indicators.models import (
    Attachment,
    BilanEdition,
    EntryMessage,
    MilestoneYearStatus,
    YearResult,
    YearTarget,
)
from measures.models import BilanEntry, Commitment, CommitmentMark, FundingAmount, ReportingYear
from tests.helpers import read_to_the_end

from .conftest import ROLES, act_as

pytestmark = pytest.mark.django_db

# What a cell may say: a status code, or "login" for a redirection to a login page.
LOGIN = "login"

# One row per (URL name, method); one column per role, in the order of ROLES.
MATRIX = """
url name                       method  anonymous reader partner other_editor editor validator admin
login                          GET     200       200    200     200          200    200       200
login                          POST    200       200    200     200          200    200       200
logout                         GET     405       405    405     405          405    405       405
logout                         POST    302       302    302     302          302    302       302
sso_login                      GET     404       404    404     404          404    404       404
sso_login                      POST    405       405    405     405          405    405       405
oidc_authentication_callback   GET     404       404    404     404          404    404       404
oidc_authentication_callback   POST    405       405    405     405          405    405       405
landing                        GET     302       302    302     302          302    302       302
landing                        POST    405       405    405     405          405    405       405
password_change                GET     login     200    200     200          200    200       200
password_change                POST    login     200    200     200          200    200       200
password_change_done           GET     login     200    200     200          200    200       200
password_change_done           POST    login     405    405     405          405    405       405
password_reset                 GET     200       200    200     200          200    200       200
password_reset                 POST    200       200    200     200          200    200       200
password_reset_done            GET     200       200    200     200          200    200       200
password_reset_done            POST    405       405    405     405          405    405       405
password_reset_confirm         GET     302       302    302     302          302    302       302
password_reset_confirm         POST    302       302    302     302          302    302       302
second_factor                  GET     login     302    302     302          302    302       302
second_factor                  POST    login     302    302     302          302    302       302
second_factor_enrol            GET     login     302    302     302          302    302       302
second_factor_enrol            POST    login     302    302     302          302    302       302
admin:index                    GET     login     login  login   login        login  login     200
admin:index                    POST    login     login  login   login        login  login     200
healthz                        GET     200       200    200     200          200    200       200
healthz                        POST    200       200    200     200          200    200       200
set_language                   GET     302       302    302     302          302    302       302
set_language                   POST    302       302    302     302          302    302       302
accessibility                  GET     200       200    200     200          200    200       200
accessibility                  POST    200       200    200     200          200    200       200
glossary                       GET     200       200    200     200          200    200       200
glossary                       POST    405       405    405     405          405    405       405
site_map                       GET     200       200    200     200          200    200       200
site_map                       POST    405       405    405     405          405    405       405
plan_list                      GET     200       200    200     200          200    200       200
plan_list                      POST    405       405    405     405          405    405       405
notifications:preferences      GET     login     200    200     200          200    200       200
notifications:preferences      POST    login     302    302     302          302    302       302
notifications:unsubscribe      GET     200       200    200     200          200    200       200
notifications:unsubscribe      POST    200       200    200     200          200    200       200
opendata:index                 GET     200       200    200     200          200    200       200
opendata:index                 POST    200       200    200     200          200    200       200
opendata:values_csv            GET     200       200    200     200          200    200       200
opendata:values_csv            POST    200       200    200     200          200    200       200
opendata:values_json           GET     200       200    200     200          200    200       200
opendata:values_json           POST    200       200    200     200          200    200       200
opendata:values_french_csv     GET     200       200    200     200          200    200       200
opendata:values_french_csv     POST    200       200    200     200          200    200       200
opendata:schema_json           GET     200       200    200     200          200    200       200
opendata:schema_json           POST    200       200    200     200          200    200       200
opendata:values_sheet_schema_json GET  200       200    200     200          200    200       200
opendata:values_sheet_schema_json POST 200       200    200     200          200    200       200
api:api-root                   GET     404       404    404     404          404    404       404
api:api-root                   POST    404       404    404     404          404    404       404
api:openapi-json               GET     200       200    200     200          200    200       200
api:openapi-json               POST    200       200    200     200          200    200       200
api:openapi-view               GET     200       200    200     200          200    200       200
api:openapi-view               POST    200       200    200     200          200    200       200
api:list_axes                  GET     200       200    200     200          200    200       200
api:list_axes                  POST    405       405    405     405          405    405       405
api:list_measures              GET     200       200    200     200          200    200       200
api:list_measures              POST    405       405    405     405          405    405       405
api:list_indicators            GET     200       200    200     200          200    200       200
api:list_indicators            POST    405       405    405     405          405    405       405
api:indicator_detail           GET     200       200    200     200          200    200       200
api:indicator_detail           POST    405       405    405     405          405    405       405
entry:home                     GET     login     403    403     200          200    200       200
entry:home                     POST    login     405    405     405          405    405       405
entry:measure                  GET     login     403    403     403          200    403       200
entry:measure                  POST    login     405    405     405          405    405       405
entry:row                      GET     login     403    403     403          403    403       200
entry:row                      POST    login     405    405     405          405    405       405
entry:measure_workbook         GET     login     403    403     403          200    403       200
entry:measure_workbook         POST    login     405    405     405          405    405       405
entry:row_workbook             GET     login     403    403     403          403    403       200
entry:row_workbook             POST    login     405    405     405          405    405       405
entry:plan_workbook            GET     login     403    403     403          403    403       200
entry:plan_workbook            POST    login     405    405     405          405    405       405
entry:measure_import           GET     login     405    405     405          405    405       405
entry:measure_import           POST    login     403    403     403          400    403       400
entry:row_import               GET     login     405    405     405          405    405       405
entry:row_import               POST    login     403    403     403          403    403       400
entry:plan_import              GET     login     405    405     405          405    405       405
entry:plan_import              POST    login     403    403     403          403    403       400
entry:import_preview           GET     login     404    404     404          200    404       404
entry:import_preview           POST    login     405    405     405          405    405       405
entry:import_confirm           GET     login     405    405     405          405    405       405
entry:import_confirm           POST    login     404    404     404          409    404       404
entry:submit_all               GET     login     405    405     405          405    405       405
entry:submit_all               POST    login     403    403     403          302    403       302
entry:indicator_year           GET     login     405    405     405          405    405       405
entry:indicator_year           POST    login     403    403     403          302    403       302
entry:milestone_year           GET     login     405    405     405          405    405       405
entry:milestone_year           POST    login     403    403     403          302    403       302
entry:bilan_text               GET     login     405    405     405          405    405       405
entry:bilan_text               POST    login     403    403     403          302    403       302
opendata:funding_csv           GET     200       200    200     200          200    200       200
opendata:funding_csv           POST    200       200    200     200          200    200       200
opendata:funding_french_csv    GET     200       200    200     200          200    200       200
opendata:funding_french_csv    POST    200       200    200     200          200    200       200
opendata:funding_json          GET     200       200    200     200          200    200       200
opendata:funding_json          POST    200       200    200     200          200    200       200
opendata:funding_schema_json   GET     200       200    200     200          200    200       200
opendata:funding_schema_json   POST    200       200    200     200          200    200       200
opendata:partners_csv          GET     200       200    200     200          200    200       200
opendata:partners_csv          POST    200       200    200     200          200    200       200
opendata:partners_french_csv   GET     200       200    200     200          200    200       200
opendata:partners_french_csv   POST    200       200    200     200          200    200       200
opendata:partners_json         GET     200       200    200     200          200    200       200
opendata:partners_json         POST    200       200    200     200          200    200       200
opendata:partners_schema_json  GET     200       200    200     200          200    200       200
opendata:partners_schema_json  POST    200       200    200     200          200    200       200
api:list_funding_amounts       GET     200       200    200     200          200    200       200
api:list_funding_amounts       POST    405       405    405     405          405    405       405
api:list_partners              GET     200       200    200     200          200    200       200
api:list_partners              POST    405       405    405     405          405    405       405
indicators:indicator_arrondissements GET 200    200    200     200          200    200       200
indicators:indicator_arrondissements POST 405   405    405     405          405    405       405
indicators:axis_funding        GET     200       200    200     200          200    200       200
indicators:axis_funding        POST    405       405    405     405          405    405       405
indicators:axis_funding_embed  GET     200       200    200     200          200    200       200
indicators:axis_funding_embed  POST    405       405    405     405          405    405       405
indicators:axis_funding_csv    GET     200       200    200     200          200    200       200
indicators:axis_funding_csv    POST    405       405    405     405          405    405       405
entry:arrondissement_figures   GET     login     405    405     405          405    405       405
entry:arrondissement_figures   POST    login     403    403     403          403    403       302
opendata:arrondissement_csv GET 200 200 200 200 200 200 200
opendata:arrondissement_csv POST 200 200 200 200 200 200 200
opendata:arrondissement_french_csv GET 200 200 200 200 200 200 200
opendata:arrondissement_french_csv POST 200 200 200 200 200 200 200
opendata:arrondissement_json GET 200 200 200 200 200 200 200
opendata:arrondissement_json POST 200 200 200 200 200 200 200
opendata:arrondissement_schema_json GET 200 200 200 200 200 200 200
opendata:arrondissement_schema_json POST 200 200 200 200 200 200 200
api:list_arrondissement_figures GET 200 200 200 200 200 200 200
api:list_arrondissement_figures POST 405 405 405 405 405 405 405
entry:funding_year             GET     login     405    405     405          405    405       405
entry:funding_year             POST    login     403    403     403          302    403       302
entry:commitment               GET     login     405    405     405          405    405       405
entry:commitment               POST    login     403    403     403          302    403       302
entry:submit                   GET     login     405    405     405          405    405       405
entry:submit                   POST    login     403    403     403          302    403       302
entry:review                   GET     login     403    403     403          403    200       200
entry:review                   POST    login     403    403     403          403    302       302
entry:completeness             GET     login     403    403     403          403    200       200
entry:completeness             POST    login     405    405     405          405    405       405
entry:calendar                 GET     login     403    403     403          403    403       200
entry:calendar                 POST    login     403    403     403          403    403       302
entry:exchange_year            GET     login     405    405     405          405    405       405
entry:exchange_year            POST    login     403    403     403          302    302       302
attachment                     GET     404       404    404     404          200    200       200
attachment                     POST    405       405    405     405          405    405       405
entry:attachment_add           GET     login     405    405     405          405    405       405
entry:attachment_add           POST    login     403    403     403          302    403       302
entry:attachment_remove        GET     login     405    405     405          405    405       405
entry:attachment_remove        POST    login     403    403     403          302    403       302
entry:attachment_copy          GET     login     405    405     405          405    405       405
entry:attachment_copy          POST    login     403    403     403          302    403       302
entry:exchange                 GET     login     405    405     405          405    405       405
entry:exchange                 POST    login     403    403     403          302    302       302
indicators:overview            GET     200       200    200     200          200    200       200
indicators:overview            POST    405       405    405     405          405    405       405
indicators:axis                GET     200       200    200     200          200    200       200
indicators:axis                POST    405       405    405     405          405    405       405
indicators:measure             GET     200       200    200     200          200    200       200
indicators:measure             POST    405       405    405     405          405    405       405
indicators:axis_period         GET     200       200    200     200          200    200       200
indicators:axis_period         POST    405       405    405     405          405    405       405
indicators:measure_period      GET     200       200    200     200          200    200       200
indicators:measure_period      POST    405       405    405     405          405    405       405
indicators:measure_history     GET     login     403    403     403          200    200       200
indicators:measure_history     POST    login     405    405     405          405    405       405
indicators:comparison          GET     200       200    200     200          200    200       200
indicators:comparison          POST    405       405    405     405          405    405       405
indicators:indicator_arrondissements_embed GET 200 200 200 200 200 200 200
indicators:indicator_arrondissements_embed POST 405 405 405 405 405 405 405
indicators:indicator_arrondissements_csv GET 200 200 200 200 200 200 200
indicators:indicator_arrondissements_csv POST 405 405 405 405 405 405 405
indicators:indicator_embed     GET     200       200    200     200          200    200       200
indicators:indicator_embed     POST    405       405    405     405          405    405       405
indicators:indicator_chart_csv GET     200       200    200     200          200    200       200
indicators:indicator_chart_csv POST    405       405    405     405          405    405       405
indicators:indicator_period_embed GET  200       200    200     200          200    200       200
indicators:indicator_period_embed POST 405       405    405     405          405    405       405
indicators:indicator_period_csv GET    200       200    200     200          200    200       200
indicators:indicator_period_csv POST   405       405    405     405          405    405       405
indicators:bilan_final         GET     200       200    200     200          200    200       200
indicators:bilan_final         POST    405       405    405     405          405    405       405
indicators:bilan_final_export  GET     login     403    403     403          403    200       200
indicators:bilan_final_export  POST    login     403    403     403          403    405       405
indicators:bilan_final_publish GET     login     403    403     403          403    403       405
indicators:bilan_final_publish POST    login     403    403     403          403    403       302
indicators:bilan_final_edition_file GET 404    404    404     404          404    404       404
indicators:bilan_final_edition_file POST 405   405    405     405          405    405       405
indicators:bilan_latest        GET     302       302    302     302          302    302       302
indicators:bilan_latest        POST    405       405    405     405          405    405       405
indicators:bilan               GET     200       200    200     200          200    200       200
indicators:bilan               POST    405       405    405     405          405    405       405
indicators:bilan_export        GET     login     403    403     403          403    200       200
indicators:bilan_export        POST    login     403    403     403          403    405       405
indicators:bilan_publish       GET     login     403    403     403          403    403       405
indicators:bilan_publish       POST    login     403    403     403          403    403       302
indicators:bilan_open          GET     login     403    403     403          403    403       405
indicators:bilan_open          POST    login     403    403     403          403    403       302
indicators:bilan_edition_file  GET     200       200    200     200          200    200       200
indicators:bilan_edition_file  POST    405       405    405     405          405    405       405
"""

# The admin's own pages check staff status in one place (AdminSite.admin_view);
# its index stands for them in the matrix.
SKIPPED_NAMESPACES = ("admin",)
TESTED_ADMIN_NAMES = ("admin:index",)


def parse_matrix(text: str) -> dict[tuple[str, str], dict[str, str]]:
    lines = [line.split() for line in text.strip().splitlines()]
    header, rows = lines[0], lines[1:]
    assert tuple(header[3:]) == ROLES, "the matrix's columns are the roles, in order"
    table = {}
    for name, method, *cells in rows:
        assert len(cells) == len(ROLES), f"{name} {method}: one cell per role"
        assert (name, method) not in table, f"{name} {method} is written twice"
        table[name, method] = dict(zip(ROLES, cells, strict=True))
    return table


EXPECTED = parse_matrix(MATRIX)


def url_names(patterns=None, namespace: str = "") -> list[str]:
    """Every named URL of the site, with its namespaces ("entry:measure")."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    names = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            if inner.split(":")[0] in SKIPPED_NAMESPACES:
                continue
            names.extend(url_names(pattern.url_patterns, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def all_names() -> list[str]:
    return sorted({*url_names(), *TESTED_ADMIN_NAMES})


# --- What changed -----------------------------------------------------------------------------

WATCHED = (
    YearResult,
    YearTarget,
    MilestoneYearStatus,
    BilanEntry,
    Commitment,
    CommitmentMark,
    FundingAmount,
    BilanEdition,
    EntryMessage,
    Attachment,
)


def snapshot():
    """Every row of the watched models, with what a write would change."""
    return {
        model.__name__: sorted(model.objects.values_list("pk", *_changing_fields(model)))
        for model in (*WATCHED, ReportingYear)
    }


def _changing_fields(model):
    names = {field.attname for field in model._meta.concrete_fields}
    watched = {"status", "revision", "value", "outcome", "number", "year"}
    # A reporting year's campaign calendar, set by administrators only.
    watched |= {"collection_opens_on", "collection_closes_on", "validation_deadline"}
    return sorted(names & watched)


def outcome(response) -> str:
    if response.status_code == 302:
        location = response.url.split("?")[0]
        if location in (reverse("login"), reverse("admin:login")):
            return LOGIN
    return str(response.status_code)


def request_cell(client, world, role, method, target):
    """One cell: the outcome, and whether the database changed (rolled back after)."""
    act_as(client, world, role)
    with transaction.atomic():
        before = snapshot()
        if method == "GET":
            response = client.get(target.path)
        else:
            response = client.post(target.path, target.data)
        changed = snapshot() != before
        transaction.set_rollback(True)
    read_to_the_end(response)  # a file served (a pièce justificative) is closed, never left open
    return outcome(response), changed


# --- The tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", all_names())
def test_every_url_has_a_row(name):
    missing = [method for method in ("GET", "POST") if (name, method) not in EXPECTED]
    assert not missing, (
        f"URL « {name} » has no row for {missing} in tests/security/test_permission_matrix.py: "
        "say there who may open it (and add its target in the `targets` fixture)."
    )


def test_every_row_is_a_url():
    stale = {name for name, _method in EXPECTED} - set(all_names())
    assert not stale, f"rows for URLs that no longer exist: {sorted(stale)}"


@pytest.mark.parametrize("name", sorted({name for name, _method in EXPECTED}))
def test_each_role_gets_the_expected_outcome(client, world, targets, name):
    assert name in targets, f"add a target for « {name} » in the `targets` fixture"
    target = targets[name]
    wrong = []
    for method in ("GET", "POST"):
        for role, expected in EXPECTED[name, method].items():
            got, changed = request_cell(client, world, role, method, target)
            if got != expected:
                wrong.append(f"{method} as {role}: expected {expected}, got {got}")
            if changed and not (method == "POST" and expected in ("200", "302")):
                wrong.append(f"{method} as {role} ({got}) changed the database")
    assert not wrong, f"{name} ({target.path}):\n" + "\n".join(wrong)


def test_refused_posts_change_nothing_and_allowed_ones_do(client, world, targets):
    """The matrix's POST cells that say 302 on an entry URL really write."""
    for name in (
        "entry:indicator_year",
        "entry:milestone_year",
        "entry:bilan_text",
        "entry:commitment",
        "entry:funding_year",
        "entry:exchange_year",
        "entry:exchange",
        "entry:attachment_remove",
    ):
        got, changed = request_cell(client, world, "editor", "POST", targets[name])
        assert (got, changed) == ("302", True), name
        got, changed = request_cell(client, world, "other_editor", "POST", targets[name])
        assert (got, changed) == ("403", False), name
