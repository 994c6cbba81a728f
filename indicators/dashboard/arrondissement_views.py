"""« Par arrondissement »: an indicator's published figures of a year on a map of Paris,
with the same figures as a table and a sentence; its page to embed elsewhere and its
figures as a CSV file.

Every reader sees the same figures: published ones only, and, when they count people
(or an administrator flagged them sensitive), small-count protection
(``indicators.small_counts``): « moins de 5 », and « non diffusé » where the total
would otherwise give a small figure away. The exact figures stay on the staff's entry
page.
"""

import csv
import io

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.cache import public_page_cache
from core.spreadsheet_safety import inert_cell
from core.views import file_response
from core.workflow import EntryStatus
from indicators.dashboard.arrondissement_map import arrondissement_map_svg
from indicators.dashboard.arrondissement_values import (
    arrondissement_rows,
    arrondissement_sentence,
)
from indicators.dashboard.embed_views import BOM, framed_from_embed_origins
from indicators.dashboard.french_parts import mark_french_units, page_is_french
from indicators.dashboard.views import YEAR_PARAMETER, base_context
from indicators.models import ArrondissementFigures, Indicator
from indicators.plans import current_plan
from indicators.small_counts import configured_threshold, protect
from measures.plan_space import plan_addresses


def shown_figures(indicator, entry) -> tuple[dict, bool]:
    """The figures a reader sees, and whether small-count protection applies to them."""
    figures = entry.figures()
    if not indicator.protects_small_counts:
        return figures, False
    return protect(figures, configured_threshold()), True


def asked_year(request, years: list[int]) -> int | None:
    """The year of the address when it has published figures, else the latest that has."""
    text = request.GET.get(YEAR_PARAMETER, "")
    if text.isascii() and text.isdigit() and int(text) in years:
        return int(text)
    return years[-1] if years else None


def map_of(request, pk: int) -> dict:
    """Everything the map's page, embed and file show of indicator ``pk``, for the year
    asked: the plan, the indicator, its years with figures, and the year's figures as
    drawn, tabled and said (nothing of those when no figure is published)."""
    plan = current_plan()
    if plan is None:
        raise Http404(_("Aucun plan n'est chargé."))
    indicator = get_object_or_404(
        Indicator.objects.select_related("report_row__measure", "report_row__ambition__axis"),
        pk=pk,
        by_arrondissement=True,
        report_row__ambition__axis__plan=plan,
    )
    published = {
        entry.year: entry
        for entry in ArrondissementFigures.objects.filter(
            indicator=indicator, status=EntryStatus.PUBLISHED
        ).order_by("year")
    }
    year = asked_year(request, list(published))
    found = {"plan": plan, "indicator": indicator, "figure_years": list(published)}
    found["figure_year"] = year
    if year is None:
        return found
    entry = published[year]
    figures, protected = shown_figures(indicator, entry)
    what = indicator.map_phrase or _("un chiffre supérieur à zéro")
    title = _("%(label)s en %(year)s, par arrondissement") % {
        "label": indicator.label,
        "year": year,
    }
    # On an English page, the image is named by the plan's French label alone (marked
    # French); its year and what it shows are said in the description.
    english = not page_is_french()
    drawing = {
        "title": indicator.label if english else title,
        "description": _(
            "Carte des 20 arrondissements de Paris en %(year)s : chaque arrondissement "
            "porte son numéro et sa valeur, sa couleur en donne la classe."
        )
        % {"year": year},
        "title_lang": "fr" if english else "",
    }
    return found | {
        "entry": entry,
        "protected": protected,
        "threshold": configured_threshold(),
        # The plan's French words (the phrase, the unit) marked so on an English page.
        "sentence": mark_french_units(
            arrondissement_sentence(figures, what), indicator.unit_forms, [what]
        ),
        "map_svg": arrondissement_map_svg(figures, indicator.unit_forms, **drawing),
        # The unit heads the table's column: the cells hold the figures alone.
        "rows": arrondissement_rows(figures),
        "map_title": title,
    }


@require_safe
@public_page_cache
def indicator_arrondissements(request, pk: int):
    found = map_of(request, pk)
    plan = found["plan"]
    context = base_context(request, plan, plan.latest_published_year, plan.axes.all())
    # The years with figures are this page's own choice (above the map), not the plan's.
    context["plan_years"] = None
    return render(request, "indicators/dashboard/arrondissements.html", context | found)


@framed_from_embed_origins
@require_safe
@public_page_cache
def indicator_arrondissements_embed(request, pk: int):
    """The map, its sentence and table, with no site chrome: for other sites to frame."""
    found = map_of(request, pk)
    year = found["figure_year"]
    query = f"?{YEAR_PARAMETER}={year}" if year else ""
    # Links in the plan's own space: a page framed elsewhere keeps leading to this plan.
    with plan_addresses(found["plan"].slug):
        back = reverse("indicators:indicator_arrondissements", args=[pk])
        csv_url = reverse("indicators:indicator_arrondissements_csv", args=[pk])
    context = found | {
        "back_url": request.build_absolute_uri(back + query),
        "csv_url": csv_url + query,
    }
    return render(request, "indicators/dashboard/arrondissements_embed.html", context)


@require_safe
def indicator_arrondissements_csv(request, pk: int):
    """The map's table as a French spreadsheet reads it, the protected figures as shown."""
    found = map_of(request, pk)
    if found["figure_year"] is None:
        raise Http404(_("Aucun chiffre par arrondissement n'est encore publié."))
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=";")
    indicator = found["indicator"]
    # Labels and units are typed by administrators: a spreadsheet must not run them.
    writer.writerow([_("Indicateur"), inert_cell(indicator.label)])
    writer.writerow([_("Année"), found["figure_year"]])
    writer.writerow([_("Arrondissement"), inert_cell(indicator.unit)])
    for row in found["rows"]:
        writer.writerow([row.name, row.value])
    name = f"arrondissements-{pk}-{found['figure_year']}.csv"
    return file_response(buffer.getvalue(), "text/csv; charset=utf-8", name)
