from django.urls import path

from indicators.dashboard import period_views, views

urlpatterns = [
    path("", views.overview, name="overview"),
    path("axes/<int:number>/", views.axis_detail, name="axis"),
    path("mesures/<int:number>/", views.measure_detail, name="measure"),
    path("axes/<int:number>/duree/", period_views.axis_period, name="axis_period"),
    path("mesures/<int:number>/duree/", period_views.measure_period, name="measure_period"),
    path("comparaison/", period_views.year_comparison, name="comparison"),
]
