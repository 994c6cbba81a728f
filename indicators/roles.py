"""The product's roles, as Django groups with their permissions.

Created (or completed) after every ``migrate``; administrators may then grant
more, e.g. « Peut voir les chiffres validés non encore publiés » to the
partners' group, which lets partners read validated figures before publication.
"""

from django.contrib.auth.models import Group, Permission

ADMINISTRATORS = "Administrateurs"
EDITORS = "Agents de saisie"
REVIEWERS = "Validateurs"
PARTNERS = "Partenaires"

ROLE_PERMISSIONS = {
    EDITORS: ["indicators.enter_data"],
    REVIEWERS: [
        "indicators.review_entries",
        "indicators.view_validated",
        "indicators.export_bilan",
    ],
    # The pièces justificatives marked « partenaires », once their value is published.
    PARTNERS: ["indicators.view_partner_attachments"],
}


def _permissions(codes: list[str]) -> list[Permission]:
    found = []
    for code in codes:
        app_label, codename = code.split(".")
        found.extend(
            Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )
    return found


def ensure_roles(**kwargs) -> None:
    """Create the four groups and give each at least its permissions (idempotent)."""
    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    # Administrators run everything: users, roles, the plan, every entry.
    administrators.permissions.add(*Permission.objects.all())
    for name, codes in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(codes))
