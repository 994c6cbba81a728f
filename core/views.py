from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render


def _reason(exception) -> str:
    message = exception.args[0] if exception and exception.args else ""
    return message if isinstance(message, str) else ""


def page_not_found(request, exception):
    """The French 404 page, with the reason when a view gave one in words."""
    return render(request, "404.html", {"reason": _reason(exception)}, status=404)


def permission_denied(request, exception):
    """The French 403 page: what the account may not do, and where to go instead."""
    return render(request, "403.html", {"reason": _reason(exception)}, status=403)


# The day the statement below was last reviewed against the site (RGAA asks for it).
ACCESSIBILITY_STATEMENT_DATE = date(2026, 11, 26)


# Public even when reading needs an account (LDAPLAN_LOGIN_REQUIRED): the login
# page links to it, and the law wants it reachable by everyone.
@login_not_required
def accessibility_statement(request):
    """The déclaration d'accessibilité (RGAA 4.1): what is compliant, what is not yet tested."""
    return render(
        request,
        "accessibility_statement.html",
        {
            "statement_date": ACCESSIBILITY_STATEMENT_DATE,
            "contact_email": settings.LDAPLAN_ACCESSIBILITY_CONTACT,
        },
    )


# A load balancer checks it without an account, whatever LDAPLAN_LOGIN_REQUIRED says.
@login_not_required
def healthz(request):
    """Liveness for load balancers and the benchmark's reference: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")
