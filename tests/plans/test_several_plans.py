"""Several plans side by side: each plan's own addresses (/plans/<slug>/…), the current
plan at the addresses without prefix, the successor made by copy (command and
administration), an archived plan read-only.

The successor 2027-2032 is made up for these tests (« fictif »).
"""

import datetime
import html as html_lib
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from indicators import plans, roles
from indicators.bilan.editions import open_reporting_year
from indicators.models import (
    ArrondissementFigures,
    EditionError,
    Indicator,
    Milestone,
    YearResult,
    YearTarget,
)
from measures.models import (
    Axis,
    FundingAmount,
    FundingSource,
    Measure,
    Partner,
    Plan,
    ReportingYear,
    ReportRow,
)
from tests.accounts import make_user
from tests.helpers import main_text
from tests.plans.conftest import SUCCESSOR_TITLE, main_text_of, plan_path

pytestmark = pytest.mark.django_db


def test_the_seed_is_the_current_plan_with_an_address(seeded):
    assert seeded.is_current
    assert not seeded.is_archived
    assert seeded.slug == "plan-parisien-pour-le-logement-d-abord-2021-2026"
    assert seeded.get_absolute_url() == "/plans/plan-parisien-pour-le-logement-d-abord-2021-2026/"


def test_every_page_answers_under_the_plan_s_address_and_its_links_stay_there(client, seeded):
    for path in ["", "axes/1/", "mesures/3/", "bilan/2022/", "donnees/", "plan-du-site/"]:
        plain = client.get(f"/{path}")
        prefixed = client.get(plan_path(seeded, path))
        assert (plain.status_code, prefixed.status_code) == (200, 200), path
    page = client.get(plan_path(seeded, "axes/1/")).content.decode()
    assert f'href="/plans/{seeded.slug}/mesures/1/"' in page
    assert f'href="/plans/{seeded.slug}/bilan/"' in page
    # The main navigation's axis links too, each to its own axis, the shown one current.
    navigation = re.search(r'<nav class="main-nav".*?</nav>', page, re.S).group()
    axis_links = re.findall(r'href="(/plans/[^"]+/axes/\d+/)[^"]*"([^>]*)>', navigation)
    assert [link for link, _ in axis_links] == [
        plan_path(seeded, f"axes/{number}/") for number in range(1, 6)
    ]
    assert [
        number
        for number, (_, attributes) in enumerate(axis_links, 1)
        if "aria-current" in attributes
    ] == [1]
    # The addresses without prefix link without prefix, as before.
    assert 'href="/mesures/1/"' in client.get("/axes/1/").content.decode()
    # Outside a request, links have no prefix: a test, a command, an e-mail.
    assert reverse("indicators:axis", args=[1]) == "/axes/1/"


def test_an_unknown_plan_address_is_a_french_404(client, seeded):
    response = client.get("/plans/plan-inconnu-1999-2000/axes/1/")
    assert response.status_code == 404
    assert "Aucun plan n'a cette adresse." in main_text_of(response.content.decode())


def test_the_plan_list_names_each_plan_its_state_and_address(client, seeded, successor):
    text = main_text(client.get("/plans/"))
    assert "Tous les plans" in text
    assert f"Adresse : /plans/{seeded.slug}/" in text
    assert f"Adresse : /plans/{successor.slug}/" in text
    assert "plan en cours" in text
    assert "en préparation" in text
    # The footer of every page leads to it, from a plan's space too.
    for page in (client.get("/glossaire/"), client.get(plan_path(successor, ""))):
        footer = page.content.decode().split('<footer class="site-footer">')[1]
        assert 'href="/plans/">Tous les plans</a>' in footer


def test_the_successor_copies_the_structure_without_any_figure(seeded, successor):
    assert (successor.start_year, successor.end_year) == (2027, 2032)
    assert successor.slug.endswith("-2027-2032")
    assert successor.slug != seeded.slug
    assert not successor.is_current
    assert not successor.is_archived
    for model, path in [
        (Axis, "plan"),
        (Measure, "axis__plan"),
        (ReportRow, "ambition__axis__plan"),
        (Indicator, "report_row__ambition__axis__plan"),
    ]:
        old = model.objects.filter(**{path: seeded}).count()
        assert old > 0, model
        assert model.objects.filter(**{path: successor}).count() == old, model
    numbers = lambda plan: sorted(  # noqa: E731
        Measure.objects.filter(axis__plan=plan).values_list("number", flat=True)
    )
    assert numbers(successor) == numbers(seeded)
    assert not ReportingYear.objects.filter(plan=successor).exists()
    # Milestones are due in the old plan's years; the indicators' own figures are its own.
    assert not Milestone.objects.filter(report_row__ambition__axis__plan=successor).exists()
    copied = Indicator.objects.filter(report_row__ambition__axis__plan=successor)
    assert not copied.exclude(plan_target=None).exists()
    assert not copied.exclude(baseline=None).exists()
    assert (
        Indicator.objects.filter(report_row__ambition__axis__plan=seeded)
        .exclude(plan_target=None)
        .exists()
    )
    for model in (YearTarget, YearResult):
        assert not model.objects.filter(
            indicator__report_row__ambition__axis__plan=successor
        ).exists()
    # The seed's figures are where they were.
    assert YearResult.objects.filter(indicator__report_row__ambition__axis__plan=seeded).exists()


def test_the_successor_keeps_who_funds_and_carries_the_rows_but_no_amount(seeded, successor):
    in_successor = {"report_row__ambition__axis__plan": successor}
    sources = FundingSource.objects.filter(**in_successor).select_related("funder")
    assert sorted((s.funder.name, s.programme) for s in sources) == [
        ("Dihal", "AMI LDA"),
        ("Ville de Paris", ""),
    ]
    assert not FundingAmount.objects.filter(**{f"source__{k}": v for k, v in in_successor.items()})
    louez = Measure.objects.get(axis__plan=successor, number=1)
    assert sorted(louez.partners.values_list("name", flat=True)) == ["Dihal", "Ville de Paris"]
    # The same organisations, now carrying a measure of each plan.
    assert Partner.objects.count() == 9
    assert Partner.objects.get(name="Dihal").measures.count() == 2
    pilots = Indicator.objects.get(**in_successor, label__startswith="Arrondissements engagés")
    assert pilots.by_arrondissement
    assert not ArrondissementFigures.objects.filter(indicator=pilots).exists()


def test_creating_a_successor_does_not_switch_the_site(client, seeded, successor):
    assert Plan.objects.shown().first() == seeded
    assert client.get("/bilan/2022/").status_code == 200
    # Its own pages are there, with no figure yet, and say it is not the current plan.
    text = main_text(client.get(plan_path(successor, "")))
    assert SUCCESSOR_TITLE in text
    assert "qui n'est pas le plan en cours" in text
    assert client.get(plan_path(successor, "bilan/2022/")).status_code == 404


def test_marking_the_successor_current_keeps_the_old_plan_at_its_address(client, seeded, successor):
    old_bilan = client.get("/bilan/2022/").content.decode()
    plans.make_current(successor)
    seeded.refresh_from_db()
    assert not seeded.is_current
    assert Plan.objects.shown().first() == successor
    # The addresses without prefix now show the successor: no bilan 2022 there.
    assert client.get("/bilan/2022/").status_code == 404
    # The old plan's bilan reads the same at its own address, links aside.
    kept = client.get(plan_path(seeded, "bilan/2022/")).content.decode()
    # (The page now begins by saying it is not the current plan's.)
    assert main_text_of(old_bilan) in main_text_of(kept)
    assert "qui n'est pas le plan en cours" in main_text_of(kept)


def test_only_one_plan_is_current(seeded, successor):
    successor.is_current = True
    with pytest.raises(ValidationError):
        successor.full_clean()


def test_the_current_plan_is_never_archived(seeded):
    with pytest.raises(ValidationError, match="plan en cours"):
        plans.archive(seeded, datetime.date(2027, 3, 1))
    seeded.refresh_from_db()
    assert not seeded.is_archived


def test_an_archived_plan_reads_as_before_and_says_so(client, archived):
    for path in ["", "axes/1/", "mesures/3/", "bilan/2022/", "donnees/valeurs.csv"]:
        assert client.get(plan_path(archived, path)).status_code == 200, path
    text = main_text(client.get(plan_path(archived, "axes/1/")))
    assert "archivé le 1 mars 2027" in text
    assert "sa saisie est fermée" in text


def test_an_archived_plan_takes_no_entry_and_no_new_year(client, archived):
    admin = get_user_model().objects.create_superuser("admin", password=None)
    client.force_login(admin)
    entry = client.get(plan_path(archived, "saisie/mesures/3/"))
    assert entry.status_code == 403
    assert "sa saisie est fermée" in main_text_of(entry.content.decode())
    # No dead end: the page leads to the plan's own pages and to the current plan.
    assert f'href="/plans/{archived.slug}/">Lire le plan' in entry.content.decode()
    assert 'href="/">Aller au plan en cours' in entry.content.decode()
    # Signed in, as the header says.
    assert "Se déconnecter (admin)" in entry.content.decode()
    opened = client.post(plan_path(archived, "bilan/2023/ouvrir/"))
    assert opened.status_code == 403
    assert "ne se modifie plus" in main_text_of(opened.content.decode())
    assert not ReportingYear.objects.filter(plan=archived, year=2023).exists()
    # Nor through the administration's form.
    with pytest.raises(ValidationError, match="archivé"):
        ReportingYear(plan=archived, year=2023).full_clean()
    # Signing out still works from its pages.
    assert client.post(plan_path(archived, "deconnexion/")).status_code == 302


def test_the_command_creates_the_successor_and_leaves_the_site_on_the_current_plan(seeded):
    out = io.StringIO()
    call_command("create_successor_plan", stdout=out)
    successor = Plan.objects.get(start_year=2027)
    assert (successor.end_year, successor.title) == (2032, seeded.title)
    assert f"/plans/{successor.slug}/" in out.getvalue()
    assert Plan.objects.shown().first() == seeded
    with pytest.raises(CommandError, match="a déjà l'adresse"):
        call_command("create_successor_plan", slug=successor.slug, stdout=io.StringIO())
    with pytest.raises(CommandError, match="n'est pas une adresse"):
        call_command("create_successor_plan", slug="Pas Une Adresse", stdout=io.StringIO())
    assert Plan.objects.count() == 2


def test_the_administration_copies_marks_current_and_archives(client, seeded):
    admin = get_user_model().objects.create_superuser("admin", password=None)
    client.force_login(admin)
    changelist = reverse("admin:measures_plan_changelist")

    def act(action, plan):
        return client.post(
            changelist, {"action": action, "_selected_action": [plan.pk]}, follow=True
        )

    copied = act("copy_as_successor", seeded)
    successor = Plan.objects.get(start_year=2027)
    assert "sans aucun chiffre" in copied.content.decode()
    # The current plan cannot be archived: said, nothing changed.
    refused = act("archive_plans", seeded)
    assert "marquez d'abord un autre plan" in html_lib.unescape(refused.content.decode())
    seeded.refresh_from_db()
    assert not seeded.is_archived
    act("mark_current", successor)
    act("archive_plans", seeded)
    seeded.refresh_from_db()
    successor.refresh_from_db()
    assert successor.is_current
    assert seeded.is_archived
    assert not seeded.is_current
    # Its address is set once: the change form shows it, it does not edit it.
    form = client.get(reverse("admin:measures_plan_change", args=[seeded.pk])).content.decode()
    assert seeded.slug in form
    assert 'name="slug"' not in form


def test_the_administration_is_no_way_round_the_archive(client, archived, successor):
    admin = get_user_model().objects.create_superuser("admin", password=None)
    client.force_login(admin)
    old_result = YearResult.objects.filter(
        indicator__report_row__ambition__axis__plan=archived
    ).first()
    url = reverse("admin:indicators_yearresult_change", args=[old_result.pk])
    page = client.get(url).content.decode()
    assert 'name="value"' not in page  # shown, not editable
    client.post(url, {"value": "999"})
    old_result.refresh_from_db()
    assert old_result.value != 999
    old_measure = Measure.objects.get(axis__plan=archived, number=3)
    assert (
        client.post(
            reverse("admin:measures_measure_delete", args=[old_measure.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Measure.objects.filter(pk=old_measure.pk).exists()
    # The successor's are as editable as ever.
    new_measure = Measure.objects.get(axis__plan=successor, number=3)
    page = client.get(reverse("admin:measures_measure_change", args=[new_measure.pk])).content
    assert b'name="title"' in page


def test_the_successor_s_first_year_opens_from_its_entry_home(client, seeded, successor):
    admin = make_user("cheffe", roles.ADMINISTRATORS)
    client.force_login(admin)
    home = client.get(plan_path(successor, "saisie/")).content.decode()
    action = f'action="/plans/{successor.slug}/bilan/2027/ouvrir/"'
    assert action in home
    assert "Aucune année de bilan n'est encore ouverte pour ce plan" in html_lib.unescape(home)
    opened = client.post(plan_path(successor, "bilan/2027/ouvrir/"))
    assert opened["Location"] == plan_path(successor, "bilan/2027/")
    assert ReportingYear.objects.filter(plan=successor, year=2027).exists()
    # Once open, the form is gone; the current plan's home never showed it.
    assert action not in client.get(plan_path(successor, "saisie/")).content.decode()
    assert "bilan/2021/ouvrir" not in client.get("/saisie/").content.decode()


def test_opening_a_year_of_an_archived_plan_is_refused_by_the_service_too(archived):
    with pytest.raises(EditionError, match="archivé"):
        open_reporting_year(archived, 2023)


def footer_of(html: str) -> str:
    return re.search(r'<footer class="site-footer">.*?</p>', html, re.S).group()


def test_the_footer_names_the_programme_or_the_title_of_the_plan_shown(
    client, seeded, successor, archived
):
    # The successor, now shown, has no programme (an administrator emptied the one copied
    # from its predecessor): the footer names the plan itself.
    Plan.objects.filter(pk=successor.pk).update(programme="")
    footer = footer_of(client.get("/").content.decode())
    assert 'Ville de Paris — <span lang="fr">Plan pour le logement d&#x27;abord' in footer
    assert "Pacte parisien" not in footer
    # The archived plan's own pages still name its programme.
    footer = footer_of(client.get(plan_path(seeded)).content.decode())
    assert "Pacte parisien de lutte contre l&#x27;exclusion 2021-2026</span>." in footer
    # Every page: the login page too.
    assert "successeur fictif" in footer_of(client.get("/connexion/").content.decode())
