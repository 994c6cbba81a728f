"""Until a password session gives its code, every page sends it to the second factor."""

from django.shortcuts import redirect

from indicators.second_factor import policy

# Still open to a session that owes a code: the second factor's own pages, leaving, the
# language switch and the health check. (Static files are served before any view.)
OPEN_VIEWS = {
    "second_factor",
    "second_factor_enrol",
    "logout",
    "admin:logout",
    "set_language",
    "healthz",
}


def return_address(request) -> str | None:
    """The page to come back to: this one for a GET; for a form posted (whatever it
    sent is dropped), the page it was posted from when that page is on this site."""
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    return policy.safe_local_url(request, request.headers.get("Referer"))


class SecondFactorMiddleware:
    """After django-otp's OTPMiddleware: a session that owes a code is redirected (302)
    to the page that asks for it, for every method, with where it was going as ``next``.

    The setting is read at each request; a session that owes nothing costs no query
    (single sign-on, setting off without enrolment, anonymous visitors)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        if not policy.code_due(request):
            return None
        return redirect(policy.page_url("second_factor", return_address(request)))
