"""When reading needs an account (LDAPLAN_LOGIN_REQUIRED), an account with no role reads nothing.

A single sign-on creates accounts with no role; until an administrator gives one, such an
account gets a single page that says so, rather than the dashboard that needs an account.
(Without LDAPLAN_LOGIN_REQUIRED it reads what an anonymous visitor reads.)
"""

from django.shortcuts import render

# Still open to a role-less account: signing out (the pages that need no account stay open).
OPEN_VIEWS = {"logout"}


class NoRoleMiddleware:
    """After LoginRequiredMiddleware: a signed-in account with no role gets that page (403)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not getattr(view_func, "login_required", True):
            return None
        match = request.resolver_match
        if match and match.url_name in OPEN_VIEWS:
            return None
        # A role is a group (partners' has no permission of its own) or a permission.
        if user.is_staff or user.groups.exists() or user.get_all_permissions():
            return None
        return render(request, "registration/no_role.html", status=403)
