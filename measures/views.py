"""The glossary page: every acronym of the plan, its expansion, definition and source."""

from django.db.models import F
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.cache import public_page_cache

from .glossary import GlossaryTerm
from .models import Plan


@require_safe
@public_page_cache(reads={})
def glossary(request):
    """All the terms in alphabetical order, each with its anchor (``/glossaire/#ASE``)."""
    terms = GlossaryTerm.objects.alphabetical()
    return render(request, "measures/glossary.html", {"terms": terms})


@require_safe
@public_page_cache(reads={})
def site_map(request):
    """Every public page (RGAA 12.1): the overview, each axis and measure of the newest
    plan, each bilan year, the open data, the glossary, the statement and the login.

    Three queries whatever the size of the plan: the plan, its axes with their
    measures (two), its reporting years; none without a plan.
    """
    plan = Plan.objects.shown().first()
    axes, years = [], []
    if plan is not None:
        axes = plan.axes.prefetch_related("measures")
        years = plan.reporting_years.values_list("year", flat=True)
    return render(request, "measures/site_map.html", {"plan": plan, "axes": axes, "years": years})


@require_safe
@public_page_cache(reads={})
def plan_list(request):
    """Every plan, the current one first, then the others from the newest: each with its
    state (en cours, en préparation, archivé) and the address of its pages."""
    plans = Plan.objects.order_by(F("is_current").desc(), "-start_year", "pk")
    return render(request, "measures/plan_list.html", {"plans": plans})
