"""The form that sends a filled collection workbook, on the entry pages and the preview."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.entry.workbook_reading import MAX_UPLOAD_BYTES


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label=gettext_lazy("Classeur rempli (XLSX, ODS ou CSV de la feuille Indicateurs)"),
        error_messages={
            "required": gettext_lazy("Choisissez le classeur rempli à envoyer."),
            "empty": gettext_lazy("Ce fichier est vide : choisissez le classeur rempli."),
        },
    )

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        # Checked on the size received, before a byte is read into memory.
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Ce fichier dépasse %(size)s Mo : envoyez le classeur de collecte, sans plus.")
                % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload
