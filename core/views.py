from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date, quote_etag

from core.rgaa import THEMES, current_conformity


def _reason(exception) -> str:
    message = exception.args[0] if exception and exception.args else ""
    return message if isinstance(message, str) else ""


def page_not_found(request, exception):
    """The French 404 page, with the reason when a view gave one in words."""
    return render(request, "404.html", {"reason": _reason(exception)}, status=404)


def permission_denied(request, exception):
    """The French 403 page: what the account may not do, and where to go instead."""
    return render(request, "403.html", {"reason": _reason(exception)}, status=403)


# Public even when reading needs an account (LDAPLAN_LOGIN_REQUIRED): the login
# page links to it, and the law wants it reachable by everyone.
@login_not_required
def accessibility_statement(request):
    """The déclaration d'accessibilité (RGAA 4.1), computed from the audit grid."""
    contact = settings.LDAPLAN_ACCESSIBILITY_CONTACT
    return render(
        request,
        "accessibility_statement.html",
        {
            "conformity": current_conformity(),
            "themes": THEMES,
            "contact": contact,
            # An address with « @ » is an e-mail; anything else is a page (a form, say).
            "contact_is_email": "@" in contact and "/" not in contact,
            "multiyear_plan": settings.LDAPLAN_ACCESSIBILITY_MULTIYEAR_PLAN,
            "action_plan": settings.LDAPLAN_ACCESSIBILITY_ACTION_PLAN,
        },
    )


# A load balancer checks it without an account, whatever LDAPLAN_LOGIN_REQUIRED says.
@login_not_required
def healthz(request):
    """Liveness for load balancers and the benchmark's reference: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


def frozen_file_response(request, frozen) -> HttpResponse:
    """A file of a frozen edition (``indicators.models.FrozenFile``): never changed once
    published, so its tag is its own row and its date the edition's; a reader who holds
    it is answered ``304``."""
    etag = quote_etag(f"{frozen._meta.model_name}-{frozen.pk}")
    last_modified = int(frozen.edition.published_at.timestamp())
    answer = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if answer is None:
        answer = file_response(frozen.content, frozen.content_type, frozen.filename)
    answer["ETag"] = etag
    answer["Last-Modified"] = http_date(last_modified)
    return answer


def file_response(
    content: bytes | str, content_type: str, filename: str, *, attachment: bool = True
) -> HttpResponse:
    """A file to download (or, ``attachment=False``, to open in place), named ``filename``."""
    # Text (the open data's JSON) is sent as UTF-8, and its length counted in bytes.
    body = content.encode() if isinstance(content, str) else bytes(content)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    response["Content-Length"] = str(len(body))
    return response
