from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("ldaplan — Plan parisien pour le logement d'abord")
admin.site.site_title = _("ldaplan")
admin.site.index_title = _("Administration du plan")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("connexion/", auth_views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "mot-de-passe/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "mot-de-passe/modifie/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("saisie/", include("indicators.entry_urls")),
    path("", include("indicators.urls")),
]

handler404 = "ldaplan.views.page_not_found"
handler403 = "ldaplan.views.permission_denied"
