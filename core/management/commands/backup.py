from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Sauvegarde toute la base (plan, saisies, historique, comptes et rôles) dans un fichier "
        "JSON, que `restore` recharge dans une base vide."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help=(
                "Fichier à écrire (.json), ou « - » pour la sortie standard ; par défaut "
                "var/sauvegardes/ldaplan-AAAAMMJJ-HHMMSS.json."
            ),
        )

    def handle(self, *args, **options):
        output = options["output"]
        if output == "-":
            self.stdout.ending = None  # the JSON as written, no line end added to each piece
            write_backup(self.stdout)
            return
        if not output:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            output = settings.BASE_DIR / "var" / "sauvegardes" / f"ldaplan-{stamp}.json"
        try:
            write_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stderr.write(f"Sauvegarde écrite : {output}")
