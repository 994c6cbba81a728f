"""The site map (RGAA 12.1): every public page, linked from the footer of every page."""

import re

import pytest
from django.urls import reverse

from measures.models import Axis, ReportingYear

pytestmark = pytest.mark.django_db

FOOTER = re.compile(r'<footer class="site-footer">.*?</footer>', re.S)


def test_site_map_lists_every_public_page_of_the_plan(client, seed_plan):
    html = client.get(reverse("site_map")).content.decode()
    links = re.findall(r'href="([^"]+)"', html.split('<main id="contenu"')[1].split("</main>")[0])
    expected = [
        reverse("indicators:overview"),
        # Each axis, followed by its measures.
        *(
            url
            for axis in Axis.objects.all()
            for url in [
                reverse("indicators:axis", args=[axis.number]),
                *(reverse("indicators:measure", args=[m.number]) for m in axis.measures.all()),
            ]
        ),
        reverse("indicators:bilan_latest"),
        *(reverse("indicators:bilan", args=[y.year]) for y in ReportingYear.objects.all()),
        reverse("indicators:comparison"),
        reverse("indicators:bilan_final"),
        reverse("opendata:index"),
        reverse("glossary"),
        reverse("accessibility"),
        reverse("plan_list"),
        reverse("login"),
    ]
    assert links == expected
    assert len(expected) == 1 + 5 + 12 + 1 + 1 + 2 + 5
    assert 'Mesure 1 — <span lang="fr">Louez solidaire et sans risque</span>' in html


def test_site_map_runs_a_fixed_number_of_queries(client, seed_plan, django_assert_num_queries):
    # The plan, its axes, their measures, its years; the navigation's axes.
    with django_assert_num_queries(5):
        assert client.get(reverse("site_map")).status_code == 200


def test_site_map_without_a_plan_still_lists_the_other_pages(client, db):
    html = client.get(reverse("site_map")).content.decode()
    assert f'href="{reverse("opendata:index")}"' in html
    assert f'href="{reverse("indicators:axis", args=[1])}"' not in html


@pytest.mark.parametrize(
    "url",
    [
        reverse("indicators:overview"),
        reverse("indicators:axis", args=[1]),
        reverse("indicators:measure", args=[3]),
        reverse("indicators:bilan", args=[2022]),
        reverse("opendata:index"),
        reverse("glossary"),
        reverse("accessibility"),
        reverse("login"),
        "/cette-page-n-existe-pas/",
    ],
)
def test_every_page_links_the_site_map_and_the_open_data_from_its_footer(client, seed_plan, url):
    footer = FOOTER.search(client.get(url).content.decode()).group()
    assert f'<a href="{reverse("site_map")}"' in footer
    assert f'<a href="{reverse("opendata:index")}">Données ouvertes</a>' in footer


def test_the_site_map_link_is_the_current_page_on_the_site_map_only(client, seed_plan):
    html = client.get(reverse("site_map")).content.decode()
    assert html.count('aria-current="page"') == 1
    assert f'<a href="{reverse("site_map")}" aria-current="page">Plan du site</a>' in html
