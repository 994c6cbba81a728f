"""The permission matrix's targets for the pièces justificatives: a public file of "this
measure"'s draft (downloaded by its staff only until the draft is published), its removal,
an upload sent without a file (refused in French by whoever may attach one) and the taking
over of the published entry's files (none here)."""

from django.urls import reverse

from indicators.models import Visibility
from tests.entry.attachment_files import make_attachment
from tests.security.detail_targets import Target


def use_test_storage(settings, folder) -> None:
    """The matrix's files go to the test's own folder, never the checkout's var/media."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }


def attachment_targets(world, objects) -> dict[str, Target]:
    draft = objects.draft  # this measure's draft result of 2024
    attachment = make_attachment(draft, Visibility.PUBLIC)
    return {
        "attachment": Target(reverse("attachment", args=[attachment.key]), {}),
        "entry:attachment_add": Target(
            reverse("entry:attachment_add", args=["resultat", draft.pk]) + "?annee=2024",
            {f"piece-resultat-{draft.pk}-title": "Sans fichier"},
        ),
        "entry:attachment_remove": Target(
            reverse("entry:attachment_remove", args=[attachment.key]) + "?annee=2024", {}
        ),
        "entry:attachment_copy": Target(
            reverse("entry:attachment_copy", args=["resultat", draft.pk]) + "?annee=2024", {}
        ),
    }
