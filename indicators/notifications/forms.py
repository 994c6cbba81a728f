from django import forms

from indicators.notifications.models import TOPIC_FIELDS, NotificationPreferences


class PreferencesForm(forms.ModelForm):
    """The person's choices, limited to the e-mails their role can receive."""

    class Meta:
        model = NotificationPreferences
        fields = ["returned_entries", "reminders", "digest", "bilan_published"]
        widgets = {"digest": forms.RadioSelect}

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        shown = {TOPIC_FIELDS[topic] for topic in topics}
        for name in list(self.fields):
            if name not in shown:
                del self.fields[name]
