"""Every model is in the Django admin, and its pages open on the seed plan."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from indicators import models as indicator_models
from measures import models as measure_models

pytestmark = pytest.mark.django_db

MODELS = [
    measure_models.Plan,
    measure_models.Axis,
    measure_models.Ambition,
    measure_models.Measure,
    measure_models.ReportRow,
    measure_models.ReportingYear,
    measure_models.BilanEntry,
    indicator_models.Indicator,
    indicator_models.YearTarget,
    indicator_models.YearResult,
    indicator_models.PeriodTarget,
    indicator_models.Milestone,
    indicator_models.MilestoneYearStatus,
]


@pytest.fixture
def admin_client_fr(client):
    user = get_user_model().objects.create_superuser("chef", password="mot-de-passe-long")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_model_is_registered(model):
    assert admin.site.is_registered(model)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_and_change_page_open_on_the_seed(admin_client_fr, seed_plan, model):
    info = (model._meta.app_label, model._meta.model_name)
    changelist = admin_client_fr.get(reverse(f"admin:{info[0]}_{info[1]}_changelist"))
    assert changelist.status_code == 200
    first = model.objects.order_by("pk").first()
    assert first is not None, f"the seed has no {model.__name__}"
    change = admin_client_fr.get(reverse(f"admin:{info[0]}_{info[1]}_change", args=[first.pk]))
    assert change.status_code == 200


def test_changelist_search_finds_louez_solidaire(admin_client_fr, seed_plan):
    response = admin_client_fr.get(
        reverse("admin:indicators_indicator_changelist"), {"q": "Louez solidaire"}
    )
    assert response.status_code == 200
    assert "Louez solidaire" in response.content.decode()


def test_admin_speaks_french(admin_client_fr):
    page = admin_client_fr.get(reverse("admin:index")).content.decode()
    for french_name in [
        "Administration du plan",
        "Structure du plan",
        "Lignes du bilan",
        "Textes du bilan",
        "Indicateurs et jalons",
        "Objectifs annuels",
        "Résultats annuels",
        "Statuts annuels des jalons",
    ]:
        assert french_name in page
