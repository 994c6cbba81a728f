"""Downloading the collection workbook: an agent's measure, or every (or chosen) measure
for those who enter them all."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.views import file_response
from indicators import access
from indicators.entry.collection import collection_workbook
from indicators.entry.collection_files import write_ods, write_xlsx
from indicators.entry.scopes import current_plan_or_404, measure_scope, row_scope, selected_year
from measures.models import ReportRow

WORKBOOK_FORMATS = {
    "xlsx": (write_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ods": (write_ods, "application/vnd.oasis.opendocument.spreadsheet"),
}
MEASURE_PARAMETER = "mesure"


def _workbook_response(plan, rows, year: int, title: str, fmt: str, name: str):
    writer, content_type = WORKBOOK_FORMATS[fmt]
    # French whatever the reader's language: the plan's words, and the headers and sheet
    # names an import will look for.
    with translation.override("fr"):
        workbook = collection_workbook(plan, rows, year, title)
    return file_response(writer(workbook), content_type, f"collecte-{year}-{name}.{fmt}")


def _known_format(fmt: str) -> str:
    if fmt not in WORKBOOK_FORMATS:
        raise Http404(
            _("Format de classeur inconnu : « %(name)s ». Formats possibles : %(names)s.")
            % {"name": fmt[:20], "names": ", ".join(WORKBOOK_FORMATS)}
        )
    return fmt


@login_required
@require_safe
def measure_workbook(request, number: int, fmt: str):
    """The workbook of one measure, for whoever may enter it."""
    _known_format(fmt)
    plan = current_plan_or_404()
    scope = measure_scope(request.user, plan, number)
    year = selected_year(request, plan)
    return _workbook_response(plan, scope.rows, year, scope.title, fmt, f"mesure-{number}")


@login_required
@require_safe
def row_workbook(request, row_pk: int, fmt: str):
    """The workbook of a row without a measure number."""
    _known_format(fmt)
    plan = current_plan_or_404()
    scope = row_scope(request.user, plan, row_pk)
    year = selected_year(request, plan)
    return _workbook_response(plan, scope.rows, year, scope.title, fmt, f"ligne-{row_pk}")


@login_required
@require_safe
def plan_workbook(request, fmt: str):
    """Every row of the plan, or the rows of the measures chosen with ``?mesure=``: for
    those who enter every measure (administrators)."""
    _known_format(fmt)
    if not access.can_enter_all(request.user):
        raise PermissionDenied(
            _("Seuls ceux qui saisissent toutes les mesures téléchargent ce classeur.")
        )
    plan = current_plan_or_404()
    year = selected_year(request, plan)
    rows = ReportRow.objects.filter(ambition__axis__plan=plan).select_related("measure")
    chosen = request.GET.getlist(MEASURE_PARAMETER)
    if chosen:
        # A measure number has a few ASCII digits: anything longer would overflow the
        # database's small integer (a 500 on PostgreSQL) before meaning anything.
        if not all(n.isascii() and n.isdigit() and len(n) <= 4 for n in chosen):
            raise Http404(_("Les mesures se choisissent par leur numéro : « ?mesure=3 »."))
        rows = rows.filter(measure__number__in=[int(number) for number in chosen])
    rows = list(rows.order_by("ambition__axis__number", "ambition__position", "position", "letter"))
    if not rows:
        raise Http404(_("Aucune de ces mesures n'existe dans le plan."))
    title = (
        _("Toutes les mesures")
        if not chosen
        else _("Mesures %(numbers)s") % {"numbers": ", ".join(sorted(set(chosen), key=int))}
    )
    name = (
        "toutes-les-mesures" if not chosen else "mesures-" + "-".join(sorted(set(chosen), key=int))
    )
    return _workbook_response(plan, rows, year, title, fmt, name)
