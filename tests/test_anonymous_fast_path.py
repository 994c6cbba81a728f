"""The anonymous fast path (core.anonymous_pages): a cached public page answered before
sessions, authentication, CSRF and messages run, only to a request that can only be an
anonymous reader's, with the language cookie as part of the key."""

from decimal import Decimal as D
from unittest import mock

import pytest
from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest
from django.urls import reverse

from indicators.models import Indicator, YearResult

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

SESSIONS = "django.contrib.sessions.middleware.SessionMiddleware.process_request"


@pytest.fixture(params=["cache", "file", "database"])
def page_cache(request, settings, tmp_path):
    """The page cache on, its data version in the shared cache (as with Redis), in a file
    (the default without Redis) and in the database."""
    settings.LDAPLAN_PAGE_CACHE = True
    settings.LDAPLAN_DATA_VERSION = request.param
    settings.LDAPLAN_DATA_VERSION_FILE = str(tmp_path / "data-version")
    cache.clear()
    yield
    cache.clear()


def fast_path_only():
    """Fails a request that reaches the session middleware: it came the usual way."""
    return mock.patch(SESSIONS, side_effect=AssertionError("the session middleware ran"))


def sessions_ran():
    """A spy on the session middleware: ``.called`` tells whether the usual way was taken."""
    from django.contrib.sessions.middleware import SessionMiddleware

    return mock.patch(SESSIONS, autospec=True, side_effect=SessionMiddleware.process_request)


def test_a_cached_page_reaches_an_anonymous_reader_before_sessions_run(client, seed_plan):
    first = client.get(reverse("indicators:axis", args=[1]))
    assert first.status_code == 200
    with fast_path_only():
        again = client.get(reverse("indicators:axis", args=[1]))
    assert again.status_code == 200
    assert again.content == first.content


def test_the_fast_answer_carries_what_the_usual_way_gave(client, seed_plan):
    url = reverse("indicators:axis", args=[1])
    first = client.get(url)
    with fast_path_only():
        again = client.get(url)
    for header in ("Content-Type", "Content-Security-Policy", "X-Frame-Options"):
        assert again[header] == first[header], header
    assert again["Content-Language"] == "fr"
    assert "Cookie" in again["Vary"]
    assert again["ETag"] == first["ETag"]
    assert int(again["Content-Length"]) == len(again.content)
    # The security middleware, outside the fast path, still adds its headers.
    assert again["X-Content-Type-Options"] == "nosniff"
    # The glossary's acronyms are wrapped once, not again on each answer.
    assert first.content.count(b'<abbr class="glossary-term"') > 0
    assert again.content == first.content


def test_the_language_cookie_is_part_of_the_key(client, seed_plan):
    french = client.get("/").content.decode()
    assert '<html lang="fr"' in french
    client.cookies["django_language"] = "en"
    client.get("/")  # the usual way once: the English page is stored under its own key
    with fast_path_only():
        english = client.get("/").content.decode()
    assert '<html lang="en"' in english
    assert english != french
    del client.cookies["django_language"]
    with fast_path_only():
        again = client.get("/").content.decode()
    assert again == french


def test_an_english_reader_is_never_given_the_french_page_first_stored(client, seed_plan):
    client.get("/mesures/9/")
    client.cookies["django_language"] = "en"
    with sessions_ran() as spy:
        english = client.get("/mesures/9/").content.decode()
    assert spy.called, "a page not stored in English must be rendered the usual way"
    assert '<html lang="en"' in english


def test_any_other_cookie_sends_the_request_the_usual_way(client, seed_plan, admin_user):
    client.get("/")
    client.cookies["csrftoken"] = "x" * 32
    with sessions_ran() as spy:
        assert client.get("/").status_code == 200
    assert spy.called
    client.force_login(admin_user)
    with sessions_ran() as spy:
        html = client.get("/").content.decode()
    assert spy.called
    assert "Se déconnecter" in html


def test_a_flash_message_reaches_its_reader_only(client, seed_plan):
    client.get("/")
    request = HttpRequest()
    storage = CookieStorage(request)
    note = Message(messages.SUCCESS, "Brouillon enregistré (message de test).")
    client.cookies["messages"] = storage._encode([note])
    html = client.get("/").content.decode()
    assert "Brouillon enregistré (message de test)." in html
    del client.cookies["messages"]
    assert "Brouillon enregistré" not in client.get("/").content.decode()


def test_a_save_makes_the_fast_path_render_again(
    client, seed_plan, django_capture_on_commit_callbacks
):
    url = reverse("indicators:axis", args=[1])
    assert "4\u00a0321\u00a0logements" not in client.get(url, {"annee": "2024"}).content.decode()
    indicator = Indicator.objects.get(label="Logements Louez solidaire captés dans l'année")
    with django_capture_on_commit_callbacks(execute=True):
        YearResult.objects.create(indicator=indicator, year=2024, value=D(4321), status="published")
    # Made-up result (4 321 homes in 2024), for this test only.
    html = client.get(url, {"annee": "2024"}).content.decode()
    assert "4\u00a0321\u00a0logements" in html


def test_a_reader_holding_the_page_gets_a_304_on_the_fast_path(client, seed_plan):
    first = client.get("/")
    with fast_path_only():
        again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert "Cookie" in again["Vary"]


def test_parameters_are_normalised_as_on_the_usual_way(client, seed_plan):
    url = reverse("indicators:axis", args=[1])
    client.get(url, {"annee": "2022"})
    with fast_path_only():
        assert client.get(url, {"annee": "2022"}).status_code == 200
    # A spelling the page does not accept is rendered the usual way, never from the cache.
    with sessions_ran() as spy:
        client.get(url, {"annee": "02022"})
    assert spy.called


def test_pages_that_are_not_cached_go_the_usual_way(client, seed_plan):
    for url in ("/connexion/", "/healthz", "/pas-une-page/"):
        with sessions_ran() as spy:
            client.get(url)
        assert spy.called, url


def test_no_fast_path_when_every_reader_must_log_in(client, seed_plan, settings):
    client.get("/")
    settings.LDAPLAN_LOGIN_REQUIRED = True
    with sessions_ran() as spy:
        client.get("/")
    assert spy.called


def test_an_embed_page_keeps_its_framing_on_the_fast_path(client, seed_plan, settings):
    indicator = Indicator.objects.filter(is_headline=True).first()
    url = reverse("indicators:indicator_embed", args=[indicator.pk])
    first = client.get(url)
    assert first.status_code == 200
    with fast_path_only():
        again = client.get(url)
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again.has_header("X-Frame-Options") == first.has_header("X-Frame-Options")


def test_a_page_of_another_plan_is_kept_apart(client, seed_plan):
    from measures.models import Plan

    plan = Plan.objects.get()
    prefixed = client.get(f"/plans/{plan.slug}/").content.decode()
    client.get("/")
    with fast_path_only():
        plain = client.get("/").content.decode()
        again = client.get(f"/plans/{plan.slug}/").content.decode()
    assert again == prefixed
    assert f'href="/plans/{plan.slug}/bilan/"' in prefixed
    assert f'href="/plans/{plan.slug}/bilan/"' not in plain
