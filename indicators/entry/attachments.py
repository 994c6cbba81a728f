"""Attaching pièces justificatives to an entry, removing them, and showing them on the entry page.

Files are added and removed only while their entry is editable (draft or returned): they
are reviewed and published with it. Each write locks the entry's row and checks its state
again, so that a file never joins an entry submitted in the meantime. The file is written to
the storage before its row; if the row cannot be written, the file is deleted. A removed
file is deleted from the storage once the removal is committed; the history keeps its row.
"""

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text_safety import refuse_invisible_characters
from core.workflow import EntryStatus, WorkflowError
from indicators.entry.file_checks import ACCEPTED_EXTENSIONS, check_file, megabytes
from indicators.entry.kinds import ENTRY_KINDS
from indicators.models import Attachment, Visibility
from indicators.models.attachments import TITLE_MAX_LENGTH


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops keeping a file once it is past the limit: the rest of the request is read
    and thrown away, never written to a temporary file. Put first in the request's
    handlers, before anything reads ``request.POST``."""

    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.too_large = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def size_refusal(limit: int) -> str:
    return _("Ce fichier dépasse la limite de %(limit)s Mo par pièce justificative.") % {
        "limit": megabytes(limit)
    }


class AttachmentForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Titre de la pièce"),
        max_length=TITLE_MAX_LENGTH,
        validators=[refuse_invisible_characters],
        help_text=gettext_lazy("Par exemple : « Convention signée avec la DRIHL »."),
        error_messages={"required": gettext_lazy("Donnez un titre à la pièce justificative.")},
    )
    visibility = forms.ChoiceField(
        label=gettext_lazy("Visibilité"),
        choices=Visibility.choices,
        initial=Visibility.INTERNAL,
        help_text=gettext_lazy(
            "Une pièce « partenaires » ou « public » n'est lisible hors de l'équipe qu'une "
            "fois la saisie publiée."
        ),
    )
    file = forms.FileField(
        label=gettext_lazy("Fichier"),
        error_messages={
            "required": gettext_lazy("Choisissez le fichier à joindre."),
            "empty": gettext_lazy("Ce fichier est vide : choisissez la pièce à joindre."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, document bureautique (DOCX, XLSX, PPTX, ODT, ODS, ODP) ou image (PNG, "
            "JPEG, GIF, WebP), %(limit)s Mo au plus."
        ) % {"limit": megabytes(settings.LDAPLAN_ATTACHMENT_MAX_BYTES)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = check_file(upload, settings.LDAPLAN_ATTACHMENT_MAX_BYTES)
        return upload


COPIED_FIELDS = ("title", "visibility", "original_name", "media_type", "size", "sha256")


def kind_of(entry) -> str:
    """The slug of an entry's kind (``indicators.entry.kinds``): « resultat », « jalon »…"""
    return next(kind for kind, model in ENTRY_KINDS.items() if isinstance(entry, model))


def form_prefix(entry) -> str:
    return f"piece-{kind_of(entry)}-{entry.pk}"


def _locked_editable(entry):
    """The entry, locked for this transaction, if it may still take or lose files."""
    locked = type(entry)._default_manager.select_for_update().filter(pk=entry.pk).first()
    if locked is None:
        raise WorkflowError(_("Cette saisie n'existe plus."))
    if not locked.is_editable:
        raise WorkflowError(
            _(
                "Cette saisie est à l'état « %(status)s » : ses pièces justificatives ne "
                "changent plus. Une correction se fait sur une nouvelle saisie."
            )
            % {"status": locked.get_status_display()}
        )
    return locked


def _saved_rows(entry, attachments: list, *, user) -> None:
    """Write the rows of ``attachments`` (their files already in the storage) if ``entry``
    is still editable; otherwise, or if anything fails, their files are deleted."""
    try:
        with transaction.atomic():
            _locked_editable(entry)
            for attachment in attachments:
                attachment._history_user = user
                attachment.save()
    except BaseException:
        for attachment in attachments:
            attachment.file.storage.delete(attachment.file.name)
        raise


def attach_file(entry, upload, checked, *, title: str, visibility: str, user) -> Attachment:
    """Keep ``upload`` (checked by ``file_checks.check_file``) as a pièce of ``entry``.

    The file is written before the transaction that checks the entry's state and writes
    the row: no lock is held while a file travels to the storage."""
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(entry),
        object_id=entry.pk,
        title=title.strip(),
        visibility=visibility,
        original_name=checked.name,
        media_type=checked.type.media_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=user,
    )
    upload.seek(0)
    attachment.file.save(f"piece.{checked.type.extensions[0]}", upload, save=False)
    _saved_rows(entry, [attachment], user=user)
    return attachment


def remove_attachment(attachment, entry, *, user) -> None:
    """Remove a pièce of an editable entry; its file goes once the removal is committed."""
    with transaction.atomic():
        _locked_editable(entry)
        storage, name = attachment.file.storage, attachment.file.name
        attachment._history_user = user
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(name))


def copy_published_attachments(draft, *, user) -> int:
    """Copy the pièces of the published entry ``draft`` corrects into it (new files, new
    names); those it already holds (same fingerprint and title) are not copied twice."""
    published = draft.siblings().filter(status=EntryStatus.PUBLISHED).first()
    if published is None or not draft.is_editable:
        return 0
    held = set(Attachment.objects.of_entries([draft]).values_list("sha256", "title"))
    copies = []
    try:
        for source in Attachment.objects.of_entries([published]):
            if (source.sha256, source.title) in held:
                continue
            copy = Attachment(
                content_type_id=source.content_type_id,
                object_id=draft.pk,
                uploaded_by=user,
                **{name: getattr(source, name) for name in COPIED_FIELDS},
            )
            with source.file.open("rb") as content:
                copy.file.save(f"piece.{source.file.name.rpartition('.')[2]}", content, save=False)
            copies.append(copy)
    except BaseException:
        for copy in copies:
            copy.file.storage.delete(copy.file.name)
        raise
    _saved_rows(draft, copies, user=user)
    return len(copies)


def fill_attachments(slots) -> None:
    """Give every entry of the page's slots its pièces (``entry.attached``), the phrase
    naming it (``entry.attachment_subject``), and every editable one its upload form
    (``entry.attachment_form``) and the count of pièces of the published entry it would
    replace (``entry.published_attachment_count``), in one query."""
    entries = [e for slot in slots for e in (*slot.open_entries, *slot.published_entries) if e]
    by_entry = {}
    for attachment in Attachment.objects.of_entries(entries).select_related(
        "content_type", "uploaded_by"
    ):
        key = (attachment.content_type.app_label, attachment.content_type.model)
        by_entry.setdefault((*key, attachment.object_id), []).append(attachment)
    for entry in entries:
        entry.attached = by_entry.get((entry._meta.app_label, entry._meta.model_name, entry.pk), [])
    for slot in slots:
        for open_entry, published, subject in zip(
            slot.open_entries, slot.published_entries, slot.entry_subjects, strict=True
        ):
            for entry in (open_entry, published):
                if entry is not None:
                    entry.attachment_subject = subject
            if open_entry is not None and open_entry.is_editable:
                open_entry.attachment_form = AttachmentForm(prefix=form_prefix(open_entry))
                open_entry.published_attachment_count = len(published.attached) if published else 0


def fill_queue_attachments(items: dict) -> None:
    """Give the entry of every queue line shown its pièces (``entry.attached``), in one query."""
    lines = [item for section in items.values() for item in section]
    found = {}
    for attachment in Attachment.objects.of_entries([item.entry for item in lines]).select_related(
        "content_type"
    ):
        key = (attachment.content_type.app_label, attachment.content_type.model)
        found.setdefault((*key, attachment.object_id), []).append(attachment)
    for item in lines:
        meta = item.entry._meta
        item.entry.attached = found.get((meta.app_label, meta.model_name, item.entry.pk), [])
