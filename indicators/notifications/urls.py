from django.urls import path

from indicators.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.preferences_page, name="preferences"),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
