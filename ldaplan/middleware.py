"""The language of a page (French, unless the reader chose English), and its acronyms explained."""

from django.conf import settings
from django.middleware import locale
from django.utils import translation
from django.utils.cache import patch_vary_headers

from measures.glossary import current_abbreviations


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
