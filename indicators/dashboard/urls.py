from django.urls import path

from indicators.dashboard import views

urlpatterns = [
    path("", views.overview, name="overview"),
    path("axes/<int:number>/", views.axis_detail, name="axis"),
    path("mesures/<int:number>/", views.measure_detail, name="measure"),
]
