"""Every page carries the same navigation, and each role lands, after signing in, on a
page it may open (a partner on the dashboard, never on a 403)."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from indicators.roles import EDITORS, PARTNERS, REVIEWERS
from measures.models import Axis
from tests.accounts import PASSWORD, login, make_user

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="main-nav".*?</nav>', re.S)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sign_in(client, username):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the login form was refused"
    return client.get(response.url, follow=True)


@pytest.mark.parametrize(
    ("group", "measures", "landing"),
    [
        (PARTNERS, (), "indicators:overview"),
        (None, (), "indicators:overview"),
        (EDITORS, (1,), "entry:home"),
        (REVIEWERS, (), "entry:home"),
    ],
)
def test_each_role_lands_on_a_page_it_may_open(client, seed_plan, group, measures, landing):
    make_user("personne", group, measures)
    page = sign_in(client, "personne")
    assert page.status_code == 200
    assert page.redirect_chain[-1][0] == reverse(landing)


def test_a_partner_lands_on_the_dashboard_signed_in(client, seed_plan):
    make_user("partenaire", PARTNERS)
    page = sign_in(client, "partenaire").content.decode()
    assert "Se déconnecter (partenaire)" in page
    assert "Indicateurs clés" in page


def nav_links(html: str) -> list[str]:
    navigation = NAV.search(html)
    assert navigation, "the page has no main navigation"
    return re.findall(r'href="([^"]+)"', navigation.group(0))


def expected_links(year_query: str = "") -> list[str]:
    return [
        reverse("indicators:overview") + year_query,
        *(reverse("indicators:axis", args=[n]) + year_query for n in range(1, 6)),
        reverse("indicators:bilan_latest"),
        reverse("opendata:index"),
    ]


PUBLIC_PAGES = [
    ("indicators:bilan_latest", (), 302),
    ("indicators:bilan", (2022,), 200),
    ("opendata:index", (), 200),
    ("login", (), 200),
    ("accessibility", (), 200),
]


@pytest.mark.parametrize(("name", "args", "status"), PUBLIC_PAGES)
def test_pages_outside_the_dashboard_carry_the_same_navigation(
    client, seed_plan, name, args, status
):
    response = client.get(reverse(name, args=args), follow=True)
    assert response.status_code == 200
    assert nav_links(response.content.decode()) == expected_links()


def test_staff_pages_carry_the_navigation_back_to_the_dashboard(client, seed_plan):
    # A validator who also enters measure 1: every staff page opens for her.
    validator = make_user("validatrice", REVIEWERS, (1,))
    validator.groups.add(Group.objects.get(name=EDITORS))
    login(client, validator)
    for url in (
        reverse("entry:home"),
        reverse("entry:measure", args=[1]),
        reverse("entry:review"),
        reverse("password_change"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert nav_links(response.content.decode()) == expected_links(), url


def test_a_missing_page_still_offers_the_way_back(client, seed_plan):
    response = client.get("/page-qui-n-existe-pas/")
    assert response.status_code == 404
    assert nav_links(response.content.decode()) == expected_links()


def test_dashboard_pages_keep_the_year_read_in_their_links(client, seed_plan):
    html = client.get(reverse("indicators:axis", args=[2]) + "?annee=2021").content.decode()
    assert nav_links(html) == expected_links("?annee=2021")
    assert 'aria-current="page" title' in NAV.search(html).group(0)


def test_the_current_section_is_marked_once(client, seed_plan):
    html = client.get(reverse("indicators:bilan", args=[2022])).content.decode()
    navigation = NAV.search(html).group(0)
    assert navigation.count('aria-current="page"') == 1
    assert re.search(r'href="/bilan/"\s+aria-current="page"', navigation)


def test_each_axis_link_names_its_axis_in_the_reader_s_language(client, seed_plan, settings):
    # The axis links are built in Python (indicators/templatetags/site_navigation.py):
    # their words still come from the catalogue, and a title is written escaped.
    Axis.objects.filter(number=4).update(title="Accompagner <vers> & dans le logement")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    navigation = NAV.search(client.get(reverse("indicators:axis", args=[4])).content.decode())
    links = re.findall(r'<a href="/axes/(\d)/[^"]*"([^>]*)>([^<]*)</a>', navigation.group(0))
    assert [(number, words) for number, _, words in links] == [
        (str(n), f"Axis {n}") for n in range(1, 6)
    ]
    assert (
        'aria-current="page" title="Accompagner &lt;vers&gt; &amp; dans le logement"'
        in (links[3][1])
    )
