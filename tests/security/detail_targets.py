"""The permission matrix's targets for the plan's details: funding and partners (entry,
public pages, open data, API), figures by arrondissement (entry), and the charts of the
funding and of the whole plan to embed, with their files."""

from dataclasses import dataclass

from django.urls import reverse

from indicators.models import Indicator
from measures.models import FundingAmount


@dataclass
class Target:
    """A URL to request, and what a POST sends (a request that would change something)."""

    path: str
    data: dict


def detail_targets(world, objects) -> dict[str, Target]:
    source = objects.funding_source
    broken_down = Indicator.objects.filter(by_arrondissement=True).order_by("pk").first()
    # Of another measure than the editor's: a save is refused to everyone but those who
    # enter every measure (the administrator).
    figures = f"arrondissements-{broken_down.pk}-2023-"
    # An indicator with published figures: its map's file exists (measure 8's pilots).
    map_shown = Indicator.objects.filter(arrondissement_figures__status="published").first()
    # An axis with published funding: its file exists (the seed's axis 1).
    funded = FundingAmount.objects.filter(status="published").first()
    funded_axis = funded.source.report_row.ambition.axis.number
    files = [
        f"{dataset}_{form}"
        for dataset in ("funding", "partners", "arrondissement")
        for form in ("csv", "french_csv", "json", "schema_json")
    ]
    return {
        "entry:funding_year": Target(
            reverse("entry:funding_year", args=[source.pk, 2023]) + "?annee=2023",
            {f"financement-{source.pk}-2023-planned": "1 000"},
        ),
        "entry:arrondissement_figures": Target(
            reverse("entry:arrondissement_figures", args=[broken_down.pk, 2023]) + "?annee=2023",
            {figures + "arrondissement_10": "2"},
        ),
        "indicators:indicator_arrondissements": Target(
            reverse("indicators:indicator_arrondissements", args=[broken_down.pk]), {}
        ),
        "indicators:indicator_arrondissements_embed": Target(
            reverse("indicators:indicator_arrondissements_embed", args=[map_shown.pk]), {}
        ),
        "indicators:indicator_arrondissements_csv": Target(
            reverse("indicators:indicator_arrondissements_csv", args=[map_shown.pk]), {}
        ),
        "indicators:axis_funding": Target(
            reverse("indicators:axis_funding", args=[world.measure.axis.number]), {}
        ),
        "indicators:axis_funding_embed": Target(
            reverse("indicators:axis_funding_embed", args=[world.measure.axis.number]), {}
        ),
        "indicators:axis_funding_csv": Target(
            reverse("indicators:axis_funding_csv", args=[funded_axis]), {}
        ),
        "indicators:indicator_period_embed": Target(
            reverse("indicators:indicator_period_embed", args=[world.indicator.pk]), {}
        ),
        "indicators:indicator_period_csv": Target(
            reverse("indicators:indicator_period_csv", args=[world.indicator.pk]), {}
        ),
        "api:list_funding_amounts": Target(reverse("api:list_funding_amounts"), {}),
        "api:list_partners": Target(reverse("api:list_partners"), {}),
        "api:list_arrondissement_figures": Target(reverse("api:list_arrondissement_figures"), {}),
    } | {f"opendata:{name}": Target(reverse(f"opendata:{name}"), {}) for name in files}
