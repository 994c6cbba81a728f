from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("ldaplan — Plan parisien pour le logement d'abord")
admin.site.site_title = _("ldaplan")
admin.site.index_title = _("Administration du plan")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("indicators.urls")),
]

handler404 = "ldaplan.views.page_not_found"
