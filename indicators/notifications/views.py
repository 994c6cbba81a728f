"""The e-mail preferences page, and the unsubscribe link that works without signing in."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required, login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.redirects import landing_at
from indicators.notifications import preferences
from indicators.notifications.forms import PreferencesForm
from indicators.notifications.models import Topic
from indicators.notifications.tokens import read_unsubscribe_token


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences_page(request):
    user = request.user
    form = PreferencesForm(
        request.POST or None,
        instance=preferences.preferences_of(user),
        topics=preferences.topics_for(user),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Vos préférences de courriel sont enregistrées."))
        return redirect(landing_at(reverse("notifications:preferences"), "messages"))
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "has_email": bool(user.email)},
        status=400 if request.method == "POST" else 200,
    )


# A mail program's one-click unsubscribe (RFC 8058) posts here without a CSRF token: the
# signed token is the authority, and all it can do is turn one e-mail off. A plain GET
# (the link in the message) asks for a click first, since mail scanners open links.
@login_not_required
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    found = read_unsubscribe_token(token)
    user = None
    if found is not None:
        user = get_user_model().objects.filter(pk=found[0], is_active=True).first()
    if user is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    topic = Topic(found[1])
    done = request.method == "POST"
    if done:
        preferences.turn_off(user, topic)
    return render(
        request,
        "notifications/unsubscribe.html",
        {"topic": topic, "done": done, "wants": preferences.preferences_of(user).wants(topic)},
    )
