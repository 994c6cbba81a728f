from django.urls import path

from indicators.bilan import final_views, views

urlpatterns = [
    path("bilan/", views.bilan_latest, name="bilan_latest"),
    path("bilan/final/", final_views.final_bilan, name="bilan_final"),
    path(
        "bilan/final/export/<str:fmt>/", final_views.final_bilan_export, name="bilan_final_export"
    ),
    path("bilan/final/publier/", final_views.publish_final_bilan, name="bilan_final_publish"),
    path(
        "bilan/final/editions/<int:number>/<str:fmt>/",
        final_views.final_edition_file,
        name="bilan_final_edition_file",
    ),
    path("bilan/<int:year>/", views.bilan_detail, name="bilan"),
    path("bilan/<int:year>/export/<str:fmt>/", views.bilan_export, name="bilan_export"),
    path("bilan/<int:year>/publier/", views.publish, name="bilan_publish"),
    path("bilan/<int:year>/ouvrir/", views.open_year, name="bilan_open"),
    path(
        "bilan/<int:year>/editions/<int:number>/<str:fmt>/",
        views.edition_file,
        name="bilan_edition_file",
    ),
]
