from django.urls import path

from indicators.dashboard import (
    arrondissement_views,
    embed_views,
    funding_views,
    history_views,
    period_views,
    views,
)

urlpatterns = [
    path("", views.overview, name="overview"),
    path("axes/<int:number>/", views.axis_detail, name="axis"),
    path("mesures/<int:number>/", views.measure_detail, name="measure"),
    path(
        "mesures/<int:number>/historique/",
        history_views.measure_history,
        name="measure_history",
    ),
    path("axes/<int:number>/duree/", period_views.axis_period, name="axis_period"),
    path("axes/<int:number>/financements/", funding_views.axis_funding, name="axis_funding"),
    path(
        "axes/<int:number>/financements/integrer/",
        funding_views.axis_funding_embed,
        name="axis_funding_embed",
    ),
    path(
        "axes/<int:number>/financements.csv",
        funding_views.axis_funding_csv,
        name="axis_funding_csv",
    ),
    path("mesures/<int:number>/duree/", period_views.measure_period, name="measure_period"),
    path("comparaison/", period_views.year_comparison, name="comparison"),
    path(
        "indicateurs/<int:pk>/arrondissements/",
        arrondissement_views.indicator_arrondissements,
        name="indicator_arrondissements",
    ),
    path(
        "indicateurs/<int:pk>/arrondissements/integrer/",
        arrondissement_views.indicator_arrondissements_embed,
        name="indicator_arrondissements_embed",
    ),
    path(
        "indicateurs/<int:pk>/arrondissements.csv",
        arrondissement_views.indicator_arrondissements_csv,
        name="indicator_arrondissements_csv",
    ),
    path(
        "indicateurs/<int:pk>/duree/integrer/",
        period_views.indicator_period_embed,
        name="indicator_period_embed",
    ),
    path(
        "indicateurs/<int:pk>/duree.csv",
        period_views.indicator_period_csv,
        name="indicator_period_csv",
    ),
    path("indicateurs/<int:pk>/integrer/", embed_views.indicator_embed, name="indicator_embed"),
    path(
        "indicateurs/<int:pk>/donnees.csv",
        embed_views.indicator_chart_csv,
        name="indicator_chart_csv",
    ),
]
