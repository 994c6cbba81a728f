"""Importing a filled collection workbook: send it from an entry page, read the preview,
confirm. Nothing is written before the confirmation; then every change is a draft.

The file is kept (``WorkbookImport``) from the moment it is sent: the preview and the
confirmation read that very file, and administrators find every import in the admin.
Each step checks again that the user may enter the page the import was sent from.
"""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from indicators import access
from indicators.entry.scopes import (
    YEAR_PARAMETER,
    Scope,
    current_plan_or_404,
    measure_scope,
    row_scope,
    selected_year,
)
from indicators.entry.upload_form import WorkbookUploadForm
from indicators.entry.workbook_import import confirm_import, preview_import
from indicators.models import ImportState, WorkbookImport
from measures.models import ReportRow

FILE_NAME_LENGTH = 200


def whole_plan_scope(user, plan) -> Scope:
    if not access.can_enter_all(user):
        raise PermissionDenied(
            _("Seuls ceux qui saisissent toutes les mesures importent un classeur de tout le plan.")
        )
    rows = ReportRow.objects.filter(ambition__axis__plan=plan).select_related("measure")
    return Scope(title=_("Toutes les mesures"), rows=list(rows), url=reverse("entry:home"))


def import_scope(user, workbook_import) -> Scope:
    """The page the import was sent from, checked again for ``user``."""
    plan = workbook_import.plan
    if workbook_import.measure_number is not None:
        return measure_scope(user, plan, workbook_import.measure_number)
    if workbook_import.row_id is not None:
        return row_scope(user, plan, workbook_import.row_id)
    return whole_plan_scope(user, plan)


def _receive(request, scope: Scope, **where):
    """Keep the sent file and show its preview; the upload form again when refused."""
    plan = current_plan_or_404()
    year = selected_year(request, plan)
    form = WorkbookUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(
            request,
            "indicators/entry/import.html",
            {
                "form": form,
                "scope": scope,
                "selected_year": year,
                "year_parameter": YEAR_PARAMETER,
                "upload_url": request.path,
            },
            status=400,
        )
    upload = form.cleaned_data["workbook"]
    content = upload.read()
    workbook_import = WorkbookImport.objects.create(
        plan=plan,
        year=year,
        uploaded_by=request.user,
        file_name=upload.name[:FILE_NAME_LENGTH],
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        **where,
    )
    # Opened at the preview's summary (a refused file's reason has the same anchor).
    return redirect(reverse("entry:import_preview", args=[workbook_import.pk]) + "#apercu")


@login_required
@require_POST
def measure_import(request, number: int):
    scope = measure_scope(request.user, current_plan_or_404(), number)
    return _receive(request, scope, measure_number=number)


@login_required
@require_POST
def row_import(request, row_pk: int):
    scope = row_scope(request.user, current_plan_or_404(), row_pk)
    if scope.rows[0].measure_id is not None:
        return _receive(request, scope, measure_number=scope.rows[0].measure.number)
    return _receive(request, scope, row=scope.rows[0])


@login_required
@require_POST
def plan_import(request):
    return _receive(request, whole_plan_scope(request.user, current_plan_or_404()))


def _own_import(request, pk: int) -> WorkbookImport:
    """An import is read and confirmed by the one who sent it, nobody else."""
    workbook_import = get_object_or_404(
        WorkbookImport.objects.select_related("plan"), pk=pk, uploaded_by=request.user
    )
    return workbook_import


def _preview_page(request, workbook_import, scope, preview, status=200):
    return render(
        request,
        "indicators/entry/import_preview.html",
        {
            "workbook_import": workbook_import,
            "scope": scope,
            "preview": preview,
            "selected_year": workbook_import.year,
            "year_parameter": YEAR_PARAMETER,
            "back_url": f"{scope.url}?{YEAR_PARAMETER}={workbook_import.year}",
            "form": WorkbookUploadForm(),
            "upload_url": _upload_url(workbook_import),
        },
        status=status,
    )


def _upload_url(workbook_import) -> str:
    if workbook_import.measure_number is not None:
        url = reverse("entry:measure_import", args=[workbook_import.measure_number])
    elif workbook_import.row_id is not None:
        url = reverse("entry:row_import", args=[workbook_import.row_id])
    else:
        url = reverse("entry:plan_import")
    return url


@login_required
@require_safe
def import_preview(request, pk: int):
    workbook_import = _own_import(request, pk)
    scope = import_scope(request.user, workbook_import)
    preview = preview_import(workbook_import, scope.rows, user=request.user)
    return _preview_page(request, workbook_import, scope, preview)


@login_required
@require_POST
def import_confirm(request, pk: int):
    workbook_import = _own_import(request, pk)
    scope = import_scope(request.user, workbook_import)
    if workbook_import.state == ImportState.IMPORTED:
        messages.info(request, _("Ce classeur est déjà importé : rien n'a été enregistré de plus."))
        return redirect(f"{scope.url}?{YEAR_PARAMETER}={workbook_import.year}")
    preview = confirm_import(workbook_import, scope.rows, user=request.user)
    if workbook_import.state != ImportState.IMPORTED:
        messages.error(
            request,
            _(
                "Rien n'a été importé : depuis l'aperçu, des valeurs ont changé dans "
                "l'application. Relisez l'aperçu ci-dessous."
            ),
        )
        return _preview_page(request, workbook_import, scope, preview, status=409)
    if not preview.lines:  # confirmed by another click meanwhile
        messages.info(request, _("Ce classeur est déjà importé : rien n'a été enregistré de plus."))
        return redirect(f"{scope.url}?{YEAR_PARAMETER}={workbook_import.year}")
    messages.success(
        request,
        _(
            "%(count)s ligne(s) du classeur « %(file)s » importée(s) comme brouillons. "
            "Relisez-les puis soumettez-les à validation."
        )
        % {"count": preview.changed, "file": workbook_import.file_name},
    )
    return redirect(f"{scope.url}?{YEAR_PARAMETER}={workbook_import.year}")
