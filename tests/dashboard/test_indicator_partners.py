"""The partners the report ties to an indicator, named on its measure's page (the files
and the API: tests/opendata/test_funding_data.py). Every link is the report's."""

import pytest
from django.urls import reverse

from tests.dashboard.test_funding_pages import funding_section, words


@pytest.mark.django_db
def test_each_partner_names_the_measure_s_indicators_the_report_ties_it_to(client, seed_plan):
    html = client.get(reverse("indicators:measure", args=[10])).content.decode()
    section = words(funding_section(html))
    # « Cadrage du projet pilote de la rue au logement, en partenariat avec les Enfants du
    # Canal, le SIAO 75, Médecins du Monde, et la RIVP. »
    assert (
        "RIVP (bailleur social) — indicateur : Ménages sans-abris chroniques du projet "
        "pilote de la rue au logement"
    ) in section
    assert '<a href="#indicateur-34" lang="fr">' in funding_section(html)


@pytest.mark.django_db
def test_a_partner_of_an_indicator_only_is_listed_on_its_measure(client, seed_plan):
    """The City is not among measure 9's partners, but the report counts it at the CALEOL
    exchange workshop (« 6 bailleurs sociaux, 2 réseaux (AORIF, AFFIL), et la Ville »)."""
    section = words(
        funding_section(client.get(reverse("indicators:measure", args=[9])).content.decode())
    )
    assert "Ville de Paris (service de la Ville) — indicateur : Participants" in section
    assert "AORIF (association) — indicateur : Participants" in section


@pytest.mark.django_db
def test_a_partner_names_only_the_indicators_of_the_measure_shown(client, seed_plan):
    """The City is tied to an indicator of measure 1 (its funding of Louez solidaire) and to
    one of measure 9 (the CALEOL workshop): measure 1's page names the first only, once."""
    section = words(
        funding_section(client.get(reverse("indicators:measure", args=[1])).content.decode())
    )
    city = section.split("Ville de Paris (service de la Ville)", 1)[1].split(")", 1)[0]
    assert city.startswith(" — indicateur : Financement de la Ville")
    assert "Participants" not in section
    assert section.count("Ville de Paris (service de la Ville)") == 1
