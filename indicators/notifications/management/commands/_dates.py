"""The ``--date`` option the e-mail commands share."""

from datetime import date

from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def parse_day(value: str | None, default: date) -> date:
    if not value:
        return default
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            _("Date invalide : « %(value)s » (attendu : AAAA-MM-JJ, par exemple 2024-03-31).")
            % {"value": value}
        ) from error
