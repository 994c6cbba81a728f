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
