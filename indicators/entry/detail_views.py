"""Saving the entry page's detailed figures: a funding source's amounts of a year, and an
indicator's figures of a year by arrondissement. Each is a draft, like every entry, saved
by ``saving.save_from_page`` (conflicts, refusals and the message beside the form)."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators.entry import services
from indicators.entry.breakdowns import ArrondissementFiguresForm, figures_values
from indicators.entry.funding import FundingAmountForm
from indicators.entry.saving import save_from_page
from indicators.entry.scopes import current_plan_or_404, plan_year_or_404, scope_for_row
from indicators.models import ArrondissementFigures, Indicator
from measures.models import FundingAmount, FundingSource


@login_required
@require_POST
def funding_amount_save(request, pk: int, year: int):
    """A funding source's planned and spent amounts of ``year``, as a draft."""
    plan = current_plan_or_404()
    source = get_object_or_404(
        FundingSource.objects.select_related("funder", "report_row__measure"),
        pk=pk,
        report_row__ambition__axis__plan=plan,
    )
    scope = scope_for_row(request.user, plan, source.report_row)
    plan_year_or_404(plan, year)
    fields = ("planned", "spent", "comment")
    return save_from_page(
        request,
        plan,
        scope,
        year,
        key=("funding", source.pk, year),
        make_form=partial(FundingAmountForm, source=source, year=year),
        save=lambda data: services.save_if_changed(
            FundingAmount,
            {"source": source, "year": year},
            {name: data[name] for name in fields},
            user=request.user,
            expected_revision=data["revision"],
        ),
        saved=lambda _amount: (
            _("Montants %(year)s du financement « %(source)s » enregistrés comme brouillon.")
            % {"year": year, "source": source}
        ),
    )


@login_required
@require_POST
def arrondissement_figures_save(request, pk: int, year: int):
    """An indicator's 20 figures of ``year`` by arrondissement, as a draft."""
    plan = current_plan_or_404()
    indicator = get_object_or_404(
        Indicator.objects.select_related("report_row__measure"),
        pk=pk,
        by_arrondissement=True,
        report_row__ambition__axis__plan=plan,
    )
    scope = scope_for_row(request.user, plan, indicator.report_row)
    plan_year_or_404(plan, year)
    return save_from_page(
        request,
        plan,
        scope,
        year,
        key=("breakdown", indicator.pk, year),
        make_form=partial(ArrondissementFiguresForm, indicator=indicator, year=year),
        save=lambda data: services.save_if_changed(
            ArrondissementFigures,
            {"indicator": indicator, "year": year},
            figures_values(data),
            user=request.user,
            expected_revision=data["revision"],
        ),
        saved=lambda _figures: (
            _("Chiffres %(year)s par arrondissement de « %(label)s » enregistrés comme brouillon.")
            % {"year": year, "label": indicator.label}
        ),
    )
