"""The e-mails in the administration: each person's choices, and what was sent (read only:
the record is what makes sending idempotent)."""

from django.contrib import admin

from indicators.notifications.models import (
    NotificationPreferences,
    SentNotification,
    SubmittedEntry,
)


@admin.register(NotificationPreferences)
class NotificationPreferencesAdmin(admin.ModelAdmin):
    list_display = ["user", "returned_entries", "digest", "reminders", "bilan_published"]
    list_filter = ["digest", "reminders", "bilan_published"]
    search_fields = ["user__username", "user__email"]
    raw_id_fields = ["user"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SentNotification)
class SentNotificationAdmin(ReadOnlyAdmin):
    list_display = ["sent_at", "user", "kind", "key"]
    list_filter = ["kind"]
    search_fields = ["user__username", "key"]
    date_hierarchy = "sent_at"


@admin.register(SubmittedEntry)
class SubmittedEntryAdmin(ReadOnlyAdmin):
    list_display = ["submitted_at", "kind", "measure_number", "year", "subject", "entered_by"]
    list_filter = ["kind", "year"]
    date_hierarchy = "submitted_at"
