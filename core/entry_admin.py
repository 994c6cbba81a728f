"""The Django administration of reviewed entries: what is published stays as published.

A published figure or text is read by the public pages, the frozen editions and the open
data; a correction is a new entry that goes through the review queue and supersedes it.
So the administration shows published and superseded entries (and their history) but
neither changes nor deletes them; inlines list only the entries still open.
"""

from core.workflow import OPEN_STATUSES, EntryStatus

CLOSED_STATUSES = (EntryStatus.PUBLISHED, EntryStatus.SUPERSEDED)


class ClosedEntryReadOnly:
    """Mixed into the model admin of a reviewed entry, before Django's class."""

    def _is_closed(self, obj) -> bool:
        return getattr(obj, "status", None) in CLOSED_STATUSES

    def has_change_permission(self, request, obj=None):
        return not self._is_closed(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._is_closed(obj) and super().has_delete_permission(request, obj)


class OpenEntriesInline:
    """Mixed into an inline of reviewed entries: only the open ones, editable there."""

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status__in=OPEN_STATUSES)
