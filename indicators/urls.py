from django.urls import path

from . import bilan_views, views

app_name = "indicators"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("axes/<int:number>/", views.axis_detail, name="axis"),
    path("mesures/<int:number>/", views.measure_detail, name="measure"),
    path("bilan/", bilan_views.bilan_latest, name="bilan_latest"),
    path("bilan/<int:year>/", bilan_views.bilan_detail, name="bilan"),
    path("bilan/<int:year>/export/<str:fmt>/", bilan_views.bilan_export, name="bilan_export"),
    path("bilan/<int:year>/publier/", bilan_views.publish, name="bilan_publish"),
    path("bilan/<int:year>/ouvrir/", bilan_views.open_year, name="bilan_open"),
    path(
        "bilan/<int:year>/editions/<int:number>/<str:fmt>/",
        bilan_views.edition_file,
        name="bilan_edition_file",
    ),
]
