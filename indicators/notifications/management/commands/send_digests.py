from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import format_long_date
from indicators.notifications.digests import send_digests

from ._mailing import MailingCommand


class Command(MailingCommand):
    # A plain string: argparse formats it, and the other commands are in French too.
    help = (
        "Envoie à chaque validateur le résumé des saisies soumises un jour donné (la veille "
        "par défaut) : un seul courriel par personne et par jour."
    )

    date_help = gettext_lazy("le jour résumé, AAAA-MM-JJ (défaut : hier)")

    def default_day(self):
        return timezone.localdate() - timedelta(days=1)

    def send(self, day, *, dry_run):
        report = send_digests(day, dry_run=dry_run)
        if report.forgotten:
            self.stdout.write(
                _("%(count)s saisie(s) soumise(s) il y a plus d'un mois oubliée(s) par le résumé.")
                % {"count": report.forgotten}
            )
        if not report.items:
            self.stdout.write(
                _("Aucune saisie soumise le %(day)s : aucun résumé.")
                % {"day": format_long_date(day)}
            )
            return
        for user, sent in report.recipients:
            if dry_run:
                line = _("%(user)s recevrait le résumé (%(count)s saisie(s)).")
            elif sent:
                line = _("Résumé envoyé à %(user)s (%(count)s saisie(s)).")
            else:
                line = _("%(user)s a déjà reçu ce résumé.")
            self.stdout.write(line % {"user": user.get_username(), "count": len(report.items)})
