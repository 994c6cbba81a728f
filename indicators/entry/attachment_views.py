"""Pièces justificatives: attach one to an entry, remove one, take over a published entry's,
and download one.

Attaching, removing and taking over are the entry page's: each checks that the user may
enter the entry's row, then says what happened next to the entry's form (a refusal
changes nothing). Downloading is everyone's, for what they may have
(``indicators.models.attachments.may_download``): anything else is « not found », so that
nobody learns a file exists. Files are read through the storage and served as downloads,
never shown in the page's origin, never from the storage's own address.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from core.workflow import EntryStatus, WorkflowError
from indicators.entry.attachments import (
    AttachmentForm,
    SizeLimitUploadHandler,
    attach_file,
    copy_published_attachments,
    form_prefix,
    remove_attachment,
    size_refusal,
)
from indicators.entry.kinds import entry_model, entry_row, slot_key
from indicators.entry.page import anchor_for, notice_anchor
from indicators.entry.scopes import back_to, current_plan_or_404, scope_for_row, selected_year
from indicators.models import Attachment, Visibility
from indicators.models.attachments import entry_of, may_download

logger = logging.getLogger(__name__)


def _entry_page(request, entry):
    """(scope, year, anchor) of the entry page ``entry`` is entered on, checked for the user."""
    plan = current_plan_or_404()
    scope = scope_for_row(request.user, plan, entry_row(entry))
    return scope, selected_year(request, plan), anchor_for(slot_key(entry))


# Upload handlers are set before anything reads the request's body; the CSRF check, which
# reads it, comes after (Django's documented way: csrf_exempt outside, csrf_protect inside).
@csrf_exempt
@login_required
@require_POST
def attachment_add(request, kind: str, pk: int):
    limit = SizeLimitUploadHandler(request, settings.LDAPLAN_ATTACHMENT_MAX_BYTES)
    request.upload_handlers.insert(0, limit)
    return _attachment_add(request, kind, pk, limit)


@csrf_protect
def _attachment_add(request, kind: str, pk: int, limit: SizeLimitUploadHandler):
    entry = get_object_or_404(entry_model(kind), pk=pk)
    scope, year, anchor = _entry_page(request, entry)
    form = AttachmentForm(request.POST, request.FILES, prefix=form_prefix(entry))
    if limit.too_large:
        messages.error(request, size_refusal(limit.limit), extra_tags=anchor)
    elif not form.is_valid():
        errors = [error for field_errors in form.errors.values() for error in field_errors]
        messages.error(
            request,
            _("La pièce n'a pas été jointe. %(reasons)s") % {"reasons": " ".join(errors)},
            extra_tags=anchor,
        )
    else:
        data = form.cleaned_data
        try:
            attachment = attach_file(
                entry,
                data["file"],
                form.checked,
                title=data["title"],
                visibility=data["visibility"],
                user=request.user,
            )
        except WorkflowError as error:
            messages.error(request, str(error), extra_tags=anchor)
        else:
            messages.success(
                request,
                _("Pièce « %(title)s » jointe (%(visibility)s).")
                % {"title": attachment.title, "visibility": attachment.get_visibility_display()},
                extra_tags=anchor,
            )
    return back_to(scope, year, notice_anchor(anchor))


@login_required
@require_POST
def attachment_remove(request, key):
    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), key=key)
    entry = entry_of(attachment)
    if entry is None:
        raise Http404(_("Pièce justificative introuvable."))
    scope, year, anchor = _entry_page(request, entry)
    try:
        remove_attachment(attachment, entry, user=request.user)
    except WorkflowError as error:
        messages.error(request, str(error), extra_tags=anchor)
    else:
        messages.success(
            request,
            _("Pièce « %(title)s » retirée.") % {"title": attachment.title},
            extra_tags=anchor,
        )
    return back_to(scope, year, notice_anchor(anchor))


@login_required
@require_POST
def attachment_copy(request, kind: str, pk: int):
    """Take the published entry's pièces over into the correction ``pk``."""
    entry = get_object_or_404(entry_model(kind), pk=pk)
    scope, year, anchor = _entry_page(request, entry)
    try:
        copied = copy_published_attachments(entry, user=request.user)
    except WorkflowError as error:
        messages.error(request, str(error), extra_tags=anchor)
    else:
        if copied:
            messages.success(
                request,
                _("%(count)s pièce(s) de la version publiée reprise(s).") % {"count": copied},
                extra_tags=anchor,
            )
        else:
            messages.info(request, _("Aucune pièce à reprendre."), extra_tags=anchor)
    return back_to(scope, year, notice_anchor(anchor))


@require_safe
def attachment_download(request, key):
    """The file, as a download, to whoever may have it; « not found » to anyone else."""
    attachment = Attachment.objects.select_related("content_type").filter(key=key).first()
    entry = entry_of(attachment) if attachment is not None else None
    if entry is None or not may_download(request.user, attachment, entry):
        raise Http404(_("Pièce justificative introuvable."))
    try:
        content = attachment.file.open("rb")
    except OSError:
        logger.exception("Pièce justificative %s : fichier illisible", attachment.pk)
        raise Http404(_("Le fichier de cette pièce est introuvable sur le serveur.")) from None
    response = FileResponse(
        content,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Never displayed within the site's origin, whatever a browser makes of it.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    public = attachment.visibility == Visibility.PUBLIC and entry.status == EntryStatus.PUBLISHED
    response["Cache-Control"] = "public, max-age=600" if public else "private, no-store"
    return response
