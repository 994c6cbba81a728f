from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Sauvegarde toute la base (plan, saisies, historique, comptes et rôles) et les "
        "fichiers qu'elle nomme (pièces justificatives) dans une archive .zip, ou la base "
        "seule dans un fichier JSON ; `restore` recharge l'une ou l'autre dans une base vide."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help=(
                "Fichier à écrire (.zip, ou .json tant qu'aucun fichier n'est enregistré), "
                "ou « - » pour le JSON sur la sortie standard ; par défaut "
                "var/sauvegardes/ldaplan-AAAAMMJJ-HHMMSS.zip."
            ),
        )

    def handle(self, *args, **options):
        output = options["output"]
        try:
            if output == "-":
                self.stdout.ending = None  # the JSON as written, no line end added to each piece
                write_backup(self.stdout)
                return
            if not output:
                stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
                output = settings.BASE_DIR / "var" / "sauvegardes" / f"ldaplan-{stamp}.zip"
            missing = write_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for name in missing:
            self.stderr.write(
                self.style.WARNING(f"Fichier absent du stockage, non sauvegardé : {name}")
            )
        self.stderr.write(f"Sauvegarde écrite : {output}")
