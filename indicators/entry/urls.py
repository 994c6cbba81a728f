from django.urls import path

from indicators.entry import (
    attachment_views,
    board,
    calendar,
    collection_views,
    detail_views,
    exchange_views,
    import_views,
    review,
)
from indicators.entry import views as entry_views

app_name = "entry"

urlpatterns = [
    path("", entry_views.entry_home, name="home"),
    path("mesures/<int:number>/", entry_views.measure_entry, name="measure"),
    path("mesures/<int:number>/soumettre/", entry_views.scope_submit_all, name="submit_all"),
    path("lignes/<int:row_pk>/", entry_views.row_entry, name="row"),
    path(
        "mesures/<int:number>/classeur.<str:fmt>",
        collection_views.measure_workbook,
        name="measure_workbook",
    ),
    path(
        "lignes/<int:row_pk>/classeur.<str:fmt>",
        collection_views.row_workbook,
        name="row_workbook",
    ),
    path("classeur.<str:fmt>", collection_views.plan_workbook, name="plan_workbook"),
    path("mesures/<int:number>/import/", import_views.measure_import, name="measure_import"),
    path("lignes/<int:row_pk>/import/", import_views.row_import, name="row_import"),
    path("import/", import_views.plan_import, name="plan_import"),
    path("imports/<int:pk>/", import_views.import_preview, name="import_preview"),
    path("imports/<int:pk>/confirmer/", import_views.import_confirm, name="import_confirm"),
    path(
        "indicateurs/<int:pk>/<int:year>/",
        entry_views.indicator_year_save,
        name="indicator_year",
    ),
    path("jalons/<int:pk>/<int:year>/", entry_views.milestone_year_save, name="milestone_year"),
    path("textes/<int:row_pk>/<int:year>/", entry_views.bilan_text_save, name="bilan_text"),
    path(
        "financements/<int:pk>/<int:year>/",
        detail_views.funding_amount_save,
        name="funding_year",
    ),
    path(
        "indicateurs/<int:pk>/<int:year>/arrondissements/",
        detail_views.arrondissement_figures_save,
        name="arrondissement_figures",
    ),
    path("engagements/<int:pk>/", entry_views.commitment_save, name="commitment"),
    path("entrees/<str:kind>/<int:pk>/soumettre/", entry_views.entry_submit, name="submit"),
    # Pièces justificatives: attached to an editable entry, removed, taken over from the
    # published entry a correction replaces (their download is /pieces/<key>/, ldaplan.urls).
    path(
        "entrees/<str:kind>/<int:pk>/pieces/",
        attachment_views.attachment_add,
        name="attachment_add",
    ),
    path(
        "entrees/<str:kind>/<int:pk>/pieces/reprendre/",
        attachment_views.attachment_copy,
        name="attachment_copy",
    ),
    path(
        "pieces/<uuid:key>/retirer/",
        attachment_views.attachment_remove,
        name="attachment_remove",
    ),
    path("validation/", review.review_queue, name="review"),
    path("avancement/", board.completeness, name="completeness"),
    path("campagne/<int:year>/", calendar.campaign_calendar, name="calendar"),
    path(
        "echanges/<str:kind>/<int:pk>/<int:year>/",
        exchange_views.post_exchange,
        name="exchange_year",
    ),
    path("echanges/<str:kind>/<int:pk>/", exchange_views.post_exchange, name="exchange"),
]
