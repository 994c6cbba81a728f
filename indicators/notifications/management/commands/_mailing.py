"""What the e-mail commands share: ``--date`` (the day they process), ``--dry-run``, and
nothing sent in demo mode unless asked."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.notifications.mailing import mail_enabled


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


class MailingCommand(BaseCommand):
    """A command that mails the day's due messages: subclasses say which day is the default
    and what ``send`` does."""

    date_help = ""

    def default_day(self) -> date:
        raise NotImplementedError

    def send(self, day: date, *, dry_run: bool) -> None:
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("--date", help=self.date_help)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("dire qui recevrait quoi, sans rien envoyer"),
        )

    def handle(self, *args, **options):
        day = parse_day(options["date"], self.default_day())
        if not mail_enabled() and not options["dry_run"]:
            self.stdout.write(
                _(
                    "Mode démonstration : aucun courriel envoyé "
                    "(LDAPLAN_SEND_EMAIL=1 pour en envoyer)."
                )
            )
            return
        self.send(day, dry_run=options["dry_run"])
