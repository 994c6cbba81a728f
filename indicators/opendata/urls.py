from django.urls import path

from indicators.opendata import views as opendata_views

app_name = "opendata"

urlpatterns = [
    path("", opendata_views.opendata_index, name="index"),
    path("valeurs.csv", opendata_views.values_csv, name="values_csv"),
    path("valeurs-tableur-fr.csv", opendata_views.values_french_csv, name="values_french_csv"),
    path("valeurs.json", opendata_views.values_json, name="values_json"),
    path("schema.json", opendata_views.schema_json, name="schema_json"),
    path(
        "schema-feuille-indicateurs.json",
        opendata_views.values_sheet_schema_json,
        name="values_sheet_schema_json",
    ),
]
