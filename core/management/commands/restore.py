from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, IntegrityError

from core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Recharge une sauvegarde faite par `backup` (.zip avec ses fichiers, ou .json) dans "
        "une base vide (tout ou rien). Une base qui contient des données est refusée, sauf "
        "avec --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Le fichier de sauvegarde (.zip ou .json).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Remplace le contenu d'une base qui n'est pas vide.",
        )

    def handle(self, *args, **options):
        try:
            restored = restore_backup(options["path"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        except (DeserializationError, IntegrityError, DatabaseError, OSError) as error:
            raise CommandError(
                f"Restauration impossible, la base n'a pas été modifiée : {error}"
            ) from error
        for name in restored.missing_files:
            self.stderr.write(
                self.style.WARNING(f"Fichier déjà absent lors de la sauvegarde : {name}")
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Sauvegarde restaurée : {restored.rows} lignes, {restored.files} fichier(s)."
            )
        )
