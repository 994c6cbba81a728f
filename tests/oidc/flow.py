"""Driving the provider's pages over HTTP (``requests``), and ldaplan with Django's test client."""

import re
from html import unescape
from urllib.parse import urljoin, urlsplit

import requests

# The Django test client's host.
SITE = "http://testserver"


def form(page: requests.Response) -> tuple[str, dict]:
    """The first form of a provider page: its absolute action and its fields' values."""
    action = re.search(r'<form[^>]*action="([^"]+)"', page.text)
    assert action, f"pas de formulaire sur {page.url} : {page.text[:500]}"
    fields = dict(
        re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page.text)
    )
    return urljoin(page.url, unescape(action.group(1))), fields


def until_site(browser: requests.Session, response: requests.Response) -> requests.Response:
    """Follows the provider's redirections until one points back at the site (not followed)."""
    while response.is_redirect:
        location = urljoin(response.url, response.headers["Location"])
        if location.startswith(SITE):
            return response
        response = browser.get(location, allow_redirects=False)
    return response


def site_path(response: requests.Response) -> str:
    """The path and query of the site address a provider's redirection points to."""
    location = urlsplit(response.headers["Location"])
    assert f"{location.scheme}://{location.netloc}" == SITE, response.headers["Location"]
    return f"{location.path}?{location.query}"


def provider_sign_in(browser: requests.Session, authorization_url: str, sub: str) -> str:
    """Signs ``sub`` in on the provider's form, consents; the site callback path it returns to."""
    page = until_site(browser, browser.get(authorization_url, allow_redirects=False))
    if page.is_redirect:  # already signed in there
        return site_path(page)
    action, fields = form(page)
    assert fields.get("prompt") == "login", page.text[:500]
    response = browser.post(
        action, data=fields | {"login": sub, "password": "nimporte"}, allow_redirects=False
    )
    page = until_site(browser, response)
    if not page.is_redirect:
        action, fields = form(page)
        assert fields.get("prompt") == "consent", page.text[:500]
        page = until_site(browser, browser.post(action, data=fields, allow_redirects=False))
    return site_path(page)


def start_sign_in(client, query: str = "") -> str:
    """The provider's authorization URL ldaplan sends the browser to."""
    response = client.get("/oidc/authenticate/" + query)
    assert response.status_code == 302, response
    return response["Location"]


def sign_in(client, sub: str, browser: requests.Session | None = None):
    """The whole journey: ldaplan → provider's form → ldaplan's callback; its response."""
    browser = browser or requests.Session()
    callback = provider_sign_in(browser, start_sign_in(client), sub)
    return client.get(callback)
