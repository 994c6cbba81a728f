"""The plan an address names, the language of a page (French, unless the reader chose
English), its acronyms explained, and a form posted after the session ended said to be lost."""

from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import Http404
from django.middleware import locale
from django.shortcuts import render, resolve_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from core.anonymous_pages import fast_answer, fast_path_key, store_final_page
from core.cache import conditional_data_answer
from measures import plan_space
from measures.glossary import current_abbreviations
from measures.models import Plan


def chosen_language(request) -> str:
    """The language picked with the switcher (Django's language cookie), else French.

    Only a supported language counts ("en-GB" gives "en"); anything else gives
    the default language.
    """
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen:
        try:
            return translation.get_supported_language_variant(chosen)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's LocaleMiddleware without negotiation on the browser's Accept-Language.

    French is the site's language: the plan itself (axes, measures, the bilan's
    texts, indicator labels) exists only in French, so a browser that merely
    prefers English would get a page that mixes both. English is for whoever
    picks it with the switcher on every page (Django's ``set_language`` view,
    which sets the language cookie). The site has no language prefix in its
    URLs, so nothing else of Django's middleware applies.
    """

    def process_request(self, request):
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        # The page depends on the language cookie, never on Accept-Language.
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        # The reader's language ends with their request: whatever runs next in this
        # thread (another request, a command, a test) starts from the default again.
        translation.deactivate()
        return response


# Pages the glossary leaves alone: the administration (forms to edit the plan,
# the glossary itself) and the API's documentation.
GLOSSARY_SKIPPED_PATHS = ("/admin/", "/api/")


class GlossaryMiddleware:
    """Every HTML page of the site gets the plan's acronyms wrapped in ``<abbr>``.

    One place for every page, whatever view or template made it (see
    ``measures.abbreviations`` for what is wrapped and what is not). Placed
    after ``LocaleMiddleware``, so the reader's language is still active. The
    terms are kept in the process between requests (``current_abbreviations``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            # A stored page served again: its acronyms are wrapped already.
            or getattr(response, "is_final_page", False)
            or not response.get("Content-Type", "").startswith("text/html")
            or request.path_info.startswith(GLOSSARY_SKIPPED_PATHS)
        ):
            return response
        abbreviations = current_abbreviations()
        if not abbreviations:
            return response
        charset = response.charset
        page = response.content.decode(charset)
        language = translation.get_language() or settings.LANGUAGE_CODE
        wrapped = abbreviations.wrap(page, foreign=not language.startswith("fr"))
        if wrapped is not page:
            response.content = wrapped.encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response


class AnonymousPageCacheMiddleware:
    """An anonymous reader's cached public page, answered before sessions, authentication,
    CSRF and messages run (``core.anonymous_pages``); and every cacheable page stored as
    the middleware after this one answered it. Placed just after the plan's address is
    read (the key holds the whole path) and before the CSP, whose header is stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = fast_path_key(request, chosen_language(request))
        if key is not None:
            answer = fast_answer(request, key)
            if answer is not None:
                return answer
        response = self.get_response(request)
        store_final_page(response)
        return response


class ExpiredSessionMiddleware:
    """A form posted once the session has ended: said in French, and back to its page.

    A session lasts SESSION_COOKIE_AGE (two weeks, RGAA 13.1); a form posted after it
    ended (or after logging out in another tab) is sent to the login page by
    ``login_required``, with the URL it was posted to as ``next``: nothing was saved.
    The login page then says so, and leads back, once logged in, to the page the form
    was on (the Referer, from this site only): the URL it posts to may answer POST only.
    Placed after the message and authentication middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "POST" or request.user.is_authenticated or response.status_code != 302:
            return response
        login_url = resolve_url(settings.LOGIN_URL)
        target = urlsplit(response["Location"])
        next_urls = parse_qs(target.query).get(REDIRECT_FIELD_NAME)
        if target.path != login_url or next_urls != [request.get_full_path()]:
            return response  # not a login required by the page posted to
        messages.error(
            request,
            _(
                "Votre session a pris fin : ce que vous venez d'envoyer n'a pas été "
                "enregistré. Reconnectez-vous, puis recommencez."
            ),
        )
        page = form_page(request)
        query = urlencode({REDIRECT_FIELD_NAME: page}) if page else target.query
        # At the message (the page's <main>), not at the form's fragment the browser keeps.
        response["Location"] = f"{login_url}?{query}#contenu"
        return response


def form_page(request) -> str | None:
    """The page of this site the POST came from (its path and query), from the Referer."""
    referer = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    page = urlsplit(referer)
    if page.path == resolve_url(settings.LOGIN_URL):
        return None
    return page.path + (f"?{page.query}" if page.query else "")


class ConditionalDataMiddleware:
    """Open data files and API answers tagged by the data version, ``304`` when unchanged
    (``core.cache.conditional_data_answer``). After the locale, whose language is in
    the tag."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return conditional_data_answer(request, self.get_response)


# What a reader may still post in an archived plan's space: signing in and out, the
# language, the password, the e-mail preferences (none of them is about the plan).
ARCHIVED_PLAN_WRITABLE = (
    "/connexion/",
    "/deconnexion/",
    "/oidc/",
    "/i18n/",
    "/mot-de-passe/",
    "/compte/",
)


class PlanSpaceMiddleware:
    """Every address also answers under ``/plans/<slug>/`` for that plan (``measures.plan_space``).

    The prefix is taken off the path the URLs resolve (``path_info``), the plan's slug
    is activated for the request and the links the page builds keep the prefix; the
    cache keys, made of the whole path, keep the plans apart. An unknown slug is a 404.
    An archived plan is read-only: nothing is posted in its space, and its entry pages
    say they are closed (a French 403 that leads to what can still be read), once the
    session and the account are known (``process_view``). Placed before anything that
    builds a link or resolves the path.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        address = plan_space.split_address(request.path_info)
        if address is None:
            return self.get_response(request)
        slug, rest = address
        plan = Plan.objects.filter(slug=slug).first()
        if plan is None:
            raise Http404(_("Aucun plan n'a cette adresse."))
        request.path_info = rest
        request.plan_space = plan
        with plan_space.plan_addresses(slug):
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        plan = getattr(request, "plan_space", None)
        if plan is None or not plan.is_archived:
            return None
        reason = archived_plan_refusal(request, plan)
        if reason is None:
            return None
        context = {"reason": reason, "archived_plan": plan, "site_root": plan_space.site_root()}
        return render(request, "plan_archived.html", context, status=403)


def archived_plan_refusal(request, plan) -> str | None:
    """Why this request may not go on in an archived plan's space; ``None`` when it may."""
    writes = request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
    if writes and not request.path_info.startswith(ARCHIVED_PLAN_WRITABLE):
        return _(
            "Le plan « %(plan)s » est archivé : il se lit toujours, mais ne se modifie plus."
        ) % {"plan": plan}
    if request.path_info.startswith("/saisie/"):
        return _(
            "Le plan « %(plan)s » est archivé : sa saisie est fermée. Ses pages, ses bilans et "
            "ses données restent consultables."
        ) % {"plan": plan}
    return None
