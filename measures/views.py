"""The glossary page: every acronym of the plan, its expansion, definition and source."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.cache import public_page_cache

from .glossary import GlossaryTerm


@require_safe
@public_page_cache(reads={})
def glossary(request):
    """All the terms in alphabetical order, each with its anchor (``/glossaire/#ASE``)."""
    terms = GlossaryTerm.objects.alphabetical()
    return render(request, "measures/glossary.html", {"terms": terms})
