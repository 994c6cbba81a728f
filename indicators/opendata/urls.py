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
    path("financements.csv", opendata_views.funding_csv, name="funding_csv"),
    path(
        "financements-tableur-fr.csv",
        opendata_views.funding_french_csv,
        name="funding_french_csv",
    ),
    path("financements.json", opendata_views.funding_json, name="funding_json"),
    path(
        "schema-financements.json",
        opendata_views.funding_schema_json,
        name="funding_schema_json",
    ),
    path("partenaires.csv", opendata_views.partners_csv, name="partners_csv"),
    path(
        "partenaires-tableur-fr.csv",
        opendata_views.partners_french_csv,
        name="partners_french_csv",
    ),
    path("partenaires.json", opendata_views.partners_json, name="partners_json"),
    path(
        "schema-partenaires.json",
        opendata_views.partners_schema_json,
        name="partners_schema_json",
    ),
    path(
        "chiffres-par-arrondissement.csv",
        opendata_views.arrondissement_csv,
        name="arrondissement_csv",
    ),
    path(
        "chiffres-par-arrondissement-tableur-fr.csv",
        opendata_views.arrondissement_french_csv,
        name="arrondissement_french_csv",
    ),
    path(
        "chiffres-par-arrondissement.json",
        opendata_views.arrondissement_json,
        name="arrondissement_json",
    ),
    path(
        "schema-chiffres-par-arrondissement.json",
        opendata_views.arrondissement_schema_json,
        name="arrondissement_schema_json",
    ),
]
