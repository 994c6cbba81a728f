from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import format_long_date
from indicators.notifications.digests import send_digests
from indicators.notifications.mailing import mail_enabled

from ._dates import parse_day


class Command(BaseCommand):
    help = gettext_lazy(
        "Envoie à chaque validateur le résumé des saisies soumises un jour donné (la veille "
        "par défaut) : un seul courriel par personne et par jour."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help=gettext_lazy("le jour résumé, AAAA-MM-JJ (défaut : hier)")
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("dire qui recevrait quoi, sans rien envoyer"),
        )

    def handle(self, *args, **options):
        day = parse_day(options["date"], timezone.localdate() - timedelta(days=1))
        if not mail_enabled() and not options["dry_run"]:
            self.stdout.write(
                _(
                    "Mode démonstration : aucun courriel envoyé "
                    "(LDAPLAN_SEND_EMAIL=1 pour en envoyer)."
                )
            )
            return
        report = send_digests(day, dry_run=options["dry_run"])
        if not report.items:
            self.stdout.write(
                _("Aucune saisie soumise le %(day)s : aucun résumé.")
                % {"day": format_long_date(day)}
            )
            return
        for user, sent in report.recipients:
            if options["dry_run"]:
                line = _("%(user)s recevrait le résumé (%(count)s saisie(s)).")
            elif sent:
                line = _("Résumé envoyé à %(user)s (%(count)s saisie(s)).")
            else:
                line = _("%(user)s a déjà reçu ce résumé.")
            self.stdout.write(line % {"user": user.get_username(), "count": len(report.items)})
