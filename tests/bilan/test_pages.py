"""The bilan page, its download links and the export view: who sees and gets what."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.workflow import EntryStatus
from indicators.bilan.writers import EXPORT_FORMATS
from measures.models import BilanEntry, ReportingYear
from tests.bilan.helpers import AXIS_HEADINGS, FILE_STEM, HEADERS, add_axis_with_rows, exporter
from tests.helpers import make_reporting_year

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------
# The page.


def page(client, year=2022):
    response = client.get(reverse("indicators:bilan", args=[year]))
    assert response.status_code == 200
    return response.content.decode()


def test_page_shows_the_title_and_the_table_with_caption_and_scoped_headers(client, seed_plan):
    html = page(client)
    assert "<h1>Bilan 2022 &amp; perspectives 2023</h1>" in html
    assert "<caption>Bilan 2022 &amp; perspectives 2023\xa0: ambitions" in html
    headers = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', html)
    assert headers == [h.replace("'", "&#x27;") for h in HEADERS]


def test_page_axis_rows_head_their_group_of_rows(client, seed_plan):
    html = page(client)
    headings = re.findall(
        r'<th scope="rowgroup" colspan="4"[^>]*>'
        r'<span role="heading" aria-level="2" lang="fr">([^<]*)</span></th>',
        html,
    )
    # A level-2 heading per axis, that a screen reader can jump to (RGAA 9.1).
    assert headings == [h.replace("'", "&#x27;") for h in AXIS_HEADINGS]
    assert html.count("<tbody>") == 5


def test_page_shows_shared_ambitions_once_with_rowspan(client, seed_plan):
    html = page(client)
    assert html.count('rowspan="2"') == 1  # measures 7 and 8
    assert html.count('rowspan="3"') == 2  # 9a-9c: the ambition and the "9"
    assert html.count("Développer un système de <strong>premier accueil") == 1


def test_page_keeps_paragraphs_and_bold(client, seed_plan):
    html = page(client)
    assert "La <strong>captation de 73 nouveaux logements</strong> Louez Solidaire" in html
    assert "<p><strong>Organiser la deuxième édition des Rencontres" in html


def test_page_never_shows_a_draft_correction(client, seed_plan):
    published = BilanEntry.objects.published().get(report_row__pk=1)
    BilanEntry.objects.create(
        reporting_year=published.reporting_year,
        report_row=published.report_row,
        bilan_text="Brouillon non validé",
        action_plan_text="Brouillon",
        status=EntryStatus.DRAFT,
    )
    html = page(client)
    assert "Brouillon non validé" not in html
    assert "captation de 73 nouveaux logements" in html


def test_unknown_year_gives_a_french_404(client, seed_plan):
    response = client.get(reverse("indicators:bilan", args=[1999]))
    assert response.status_code == 404
    assert "Aucun bilan n&#x27;est ouvert pour l&#x27;année 1999." in response.content.decode()


def test_year_without_published_text_says_so(client, seed_plan):
    plan = ReportingYear.objects.get(year=2022).plan
    make_reporting_year(plan, 2023)
    html = page(client, 2023)
    assert "<h1>Bilan 2023 &amp; perspectives 2024</h1>" in html
    assert "Le bilan 2023 n'a encore aucun texte publié" in html
    assert "<table" not in html


def test_page_links_the_other_reporting_years(client, seed_plan):
    make_reporting_year(ReportingYear.objects.get(year=2022).plan, 2023)
    assert 'href="/bilan/2023/"' in page(client)


def test_download_links_are_hidden_from_readers_without_the_permission(client, seed_plan):
    assert "/bilan/2022/export/" not in page(client)
    client.force_login(get_user_model().objects.create_user("lecteur", password="x" * 20))
    assert "/bilan/2022/export/" not in page(client)


def test_download_links_are_shown_to_exporters_for_every_format(client, seed_plan):
    client.force_login(exporter())
    html = page(client)
    for fmt in EXPORT_FORMATS:
        assert f'href="/bilan/2022/export/{fmt}/"' in html


def test_download_links_are_shown_to_superusers(client, seed_plan, admin_user):
    client.force_login(admin_user)
    assert 'href="/bilan/2022/export/pdf/"' in page(client)


def test_page_query_count_does_not_grow_with_the_plan(client, seed_plan, django_assert_num_queries):
    # 4 for the table and the other years, 1 for the year's commitments (the plan
    # d'action of the year before, marked), 1 for the published editions (none yet),
    # 1 for the plan's axes in the navigation.
    with django_assert_num_queries(7):
        page(client)
    add_axis_with_rows(ReportingYear.objects.get(year=2022).plan)
    with django_assert_num_queries(7):
        page(client)


def test_published_page_query_count_is_fixed(client, seed_plan, django_assert_num_queries):
    from indicators.bilan.editions import publish_edition

    publish_edition(2022)
    # The editions and, in one more query, their files (without their content).
    with django_assert_num_queries(8):
        page(client)


def test_bilan_link_leads_to_the_newest_reporting_year(client, seed_plan):
    response = client.get("/bilan/")
    assert response.status_code == 302
    assert response.url == "/bilan/2022/"


def test_bilan_link_without_any_reporting_year_is_a_french_404(client, db):
    response = client.get("/bilan/")
    assert response.status_code == 404
    assert "Aucune année de bilan" in response.content.decode()


# ---------------------------------------------------------------------------
# The export view: who may download, and what they get.


def export_url(fmt="csv", year=2022):
    return reverse("indicators:bilan_export", args=[year, fmt])


def test_export_sends_anonymous_visitors_to_the_login_page(client, seed_plan):
    response = client.get(export_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "next=/bilan/2022/export/csv/" in response["Location"]


def test_export_is_forbidden_to_users_without_the_permission(client, seed_plan):
    client.force_login(get_user_model().objects.create_user("lecteur", password="x" * 20))
    assert client.get(export_url()).status_code == 403


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_export_gives_exporters_the_file_with_its_type_and_name(client, seed_plan, fmt):
    client.force_login(exporter())
    response = client.get(export_url(fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == EXPORT_FORMATS[fmt].content_type
    assert response["Content-Disposition"] == f'attachment; filename="{FILE_STEM}.{fmt}"'
    assert len(response.content) > 1000


def test_export_of_an_unknown_format_gives_a_french_404(client, seed_plan):
    client.force_login(exporter())
    response = client.get(export_url("xls"))
    assert response.status_code == 404
    assert "Format d&#x27;export inconnu\xa0: « xls »" in response.content.decode()


def test_export_of_an_unknown_year_gives_a_french_404(client, seed_plan):
    client.force_login(exporter())
    response = client.get(export_url("csv", 1999))
    assert response.status_code == 404
    assert "Aucun bilan n&#x27;est ouvert pour l&#x27;année 1999." in response.content.decode()


def test_export_of_a_year_without_published_text_is_refused_with_a_message(client, seed_plan):
    make_reporting_year(ReportingYear.objects.get(year=2022).plan, 2023)
    client.force_login(exporter())
    response = client.get(export_url("xlsx", 2023))
    assert response.status_code == 409
    assert "Content-Disposition" not in response
    assert "il n&#x27;y a rien à exporter" in response.content.decode()
