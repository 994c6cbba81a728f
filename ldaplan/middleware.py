"""The language of a page: French, unless the reader chose English."""

from django.conf import settings
from django.middleware import locale
from django.utils import translation
from django.utils.cache import patch_vary_headers


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
