from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import format_long_date
from indicators.notifications.reminders import send_reminders

from ._mailing import MailingCommand

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


class Command(MailingCommand):
    # A plain string: argparse formats it, and the other commands are in French too.
    help = (
        "Envoie le rappel de la collecte dû ce jour aux agents à qui il reste quelque chose "
        "à remplir (une fois par agent et par rappel)."
    )

    date_help = gettext_lazy("le jour à traiter, AAAA-MM-JJ (défaut : aujourd'hui)")

    def default_day(self):
        return timezone.localdate()

    def send(self, day, *, dry_run):
        report = send_reminders(day, dry_run=dry_run)
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
            if dry_run:
                line = _("%(user)s recevrait le rappel (%(count)s élément(s) à remplir).")
            elif sent:
                line = _("Rappel envoyé à %(user)s (%(count)s élément(s) à remplir).")
            else:
                line = _("%(user)s a déjà reçu ce rappel.")
            self.stdout.write(line % {"user": agent.get_username(), "count": left})
        if not report.agents:
            self.stdout.write(_("Personne n'a rien à remplir : aucun rappel."))
