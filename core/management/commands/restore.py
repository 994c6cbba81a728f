from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, IntegrityError

from core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Recharge une sauvegarde faite par `backup` dans une base vide (tout ou rien). "
        "Une base qui contient des données est refusée, sauf avec --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Le fichier de sauvegarde (.json).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Remplace le contenu d'une base qui n'est pas vide.",
        )

    def handle(self, *args, **options):
        try:
            count = restore_backup(options["path"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        except (DeserializationError, IntegrityError, DatabaseError) as error:
            raise CommandError(
                f"Restauration impossible, la base n'a pas été modifiée : {error}"
            ) from error
        self.stdout.write(self.style.SUCCESS(f"Sauvegarde restaurée : {count} lignes."))
