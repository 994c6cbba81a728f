"""The public pages: the dashboard and the annual bilan share the ``indicators`` namespace."""

from indicators.bilan import urls as bilan_urls
from indicators.dashboard import urls as dashboard_urls

app_name = "indicators"

urlpatterns = [*dashboard_urls.urlpatterns, *bilan_urls.urlpatterns]
