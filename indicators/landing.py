"""Where a person lands after signing in: the page their role is for.

Agents and validators go to the entry home (the year being collected, their
measures, the queue); everyone else — partners, a role-less account — to the
dashboard, which shows them what their role adds (validated figures when the
partners' group may read them). Nobody lands on a page they may not open.
"""

from django.shortcuts import redirect
from django.views.decorators.http import require_safe

from indicators import access


@require_safe
def after_login(request):
    user = request.user
    if user.is_authenticated and (access.can_enter_any(user) or access.can_review(user)):
        return redirect("entry:home")
    return redirect("indicators:overview")
