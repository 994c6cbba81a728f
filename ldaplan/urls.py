from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from core import views
from indicators import password_reset
from indicators.entry.attachment_views import attachment_download
from indicators.landing import after_login
from indicators.opendata.api import api
from indicators.second_factor import views as second_factor
from indicators.sso import views as sso_views
from measures import views as measures_views

admin.site.site_header = _("ldaplan — Plan parisien pour le logement d'abord")
admin.site.site_title = _("ldaplan")
admin.site.index_title = _("Administration du plan")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("connexion/", sso_views.LoginView.as_view(), name="login"),
    path("deconnexion/", sso_views.LogoutView.as_view(), name="logout"),
    # Single sign-on (OpenID Connect): 404 unless configured (LDAPLAN_OIDC_DISCOVERY_URL).
    path(
        "oidc/authenticate/",
        login_not_required(sso_views.SsoLoginView.as_view()),
        name="sso_login",
    ),
    path(
        "oidc/callback/",
        login_not_required(sso_views.SsoCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
    path("accueil/", after_login, name="landing"),
    path(
        "mot-de-passe/",
        auth_views.PasswordChangeView.as_view(
            success_url=format_lazy("{}#contenu", reverse_lazy("password_change_done"))
        ),
        name="password_change",
    ),
    path(
        "mot-de-passe/modifie/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # A forgotten password (local accounts): open without an account, whatever
    # LDAPLAN_LOGIN_REQUIRED says, like the login page.
    path(
        "mot-de-passe/oubli/",
        login_not_required(password_reset.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oubli/envoye/",
        login_not_required(password_reset.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        login_not_required(password_reset.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    # The second factor (TOTP) of password sessions: its code, or the enrolment of an app.
    path("compte/second-facteur/", second_factor.verify, name="second_factor"),
    path("compte/second-facteur/activation/", second_factor.enrol, name="second_factor_enrol"),
    # The language switcher on every page posts here; the view sets the language
    # cookie. No CSRF token: switching someone's language does them no harm, and
    # the public pages are cached whole, where a token would be another reader's.
    # It stays open when reading needs an account, so the login page can switch language.
    path("i18n/setlang/", login_not_required(csrf_exempt(set_language)), name="set_language"),
    path("accessibilite/", views.accessibility_statement, name="accessibility"),
    path("glossaire/", measures_views.glossary, name="glossary"),
    path("plan-du-site/", measures_views.site_map, name="site_map"),
    # Every plan; each one's pages are under /plans/<slug>/ (ldaplan.middleware).
    path("plans/", measures_views.plan_list, name="plan_list"),
    path("saisie/", include("indicators.entry.urls")),
    # A pièce justificative, to whoever may have it (public ones once their value is
    # published): outside /saisie/, so that an archived plan's still download.
    path("pieces/<uuid:key>/", attachment_download, name="attachment"),
    path("compte/courriels/", include("indicators.notifications.urls")),
    path("donnees/", include("indicators.opendata.urls")),
    path("api/", api.urls),
    path("", include("indicators.urls")),
]

handler404 = "core.views.page_not_found"
handler403 = "core.views.permission_denied"
