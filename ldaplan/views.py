from django.shortcuts import render


def page_not_found(request, exception):
    """The French 404 page, with the reason when a view gave one in words."""
    message = exception.args[0] if exception and exception.args else ""
    context = {"reason": message if isinstance(message, str) else ""}
    return render(request, "404.html", context, status=404)
