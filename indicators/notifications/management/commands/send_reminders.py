from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import format_long_date
from indicators.notifications.mailing import mail_enabled
from indicators.notifications.reminders import send_reminders

from ._dates import parse_day

REASONS = {
    "no-plan": gettext_lazy("Aucune année de bilan ouverte : aucun rappel."),
    "published": gettext_lazy("Le bilan %(year)s est publié : aucun rappel."),
    "no-deadline": gettext_lazy(
        "La clôture de la collecte %(year)s n'est pas fixée : aucun rappel."
    ),
    "not-due": gettext_lazy(
        "Aucun rappel n'est dû le %(day)s (clôture de la collecte le %(closes)s)."
    ),
}


class Command(BaseCommand):
    help = gettext_lazy(
        "Envoie le rappel de la collecte dû ce jour aux agents à qui il reste quelque chose "
        "à remplir (une fois par agent et par rappel)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help=gettext_lazy("le jour à traiter, AAAA-MM-JJ (défaut : aujourd'hui)")
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("dire qui recevrait quoi, sans rien envoyer"),
        )

    def handle(self, *args, **options):
        day = parse_day(options["date"], timezone.localdate())
        if not mail_enabled() and not options["dry_run"]:
            self.stdout.write(
                _(
                    "Mode démonstration : aucun courriel envoyé "
                    "(LDAPLAN_SEND_EMAIL=1 pour en envoyer)."
                )
            )
            return
        report = send_reminders(day, dry_run=options["dry_run"])
        if report.reason:
            self.stdout.write(
                REASONS[report.reason]
                % {
                    "year": report.year,
                    "day": format_long_date(day),
                    "closes": format_long_date(report.closes_on),
                }
            )
            return
        for agent, left, sent in report.agents:
            if options["dry_run"]:
                line = _("%(user)s recevrait le rappel (%(count)s élément(s) à remplir).")
            elif sent:
                line = _("Rappel envoyé à %(user)s (%(count)s élément(s) à remplir).")
            else:
                line = _("%(user)s a déjà reçu ce rappel.")
            self.stdout.write(line % {"user": agent.get_username(), "count": left})
        if not report.agents:
            self.stdout.write(_("Personne n'a rien à remplir : aucun rappel."))
