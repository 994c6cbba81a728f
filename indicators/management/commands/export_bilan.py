"""Write the annual bilan of a reporting year to a file: the same files as the page's links.

    python manage.py export_bilan --year 2022 --format xlsx --output bilan.xlsx
    python manage.py export_bilan --year 2022 --format csv --output -   # CSV on stdout

The file is written next to its destination under a temporary name and renamed
only once complete, so a failed export never leaves a partial or empty file.
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from indicators.bilan.errors import BilanError
from indicators.bilan.export import export_bilan
from indicators.bilan.writers import EXPORT_FORMATS, export_format

STDOUT = "-"


class Command(BaseCommand):
    help = "Exporte le bilan annuel d'une année (tableau du bilan et indicateurs)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Année du bilan, ex. 2022.")
        parser.add_argument(
            "--format",
            required=True,
            dest="format_name",
            help=f"Format du fichier : {', '.join(EXPORT_FORMATS)}.",
        )
        parser.add_argument(
            "--output",
            help=(
                "Chemin du fichier à écrire ; « - » écrit un format texte (csv, json) sur la "
                "sortie standard. Par défaut : bilan-ANNÉE-perspectives-ANNÉE+1.FORMAT dans "
                "le dossier courant."
            ),
        )

    def handle(self, *, year, format_name, output, **options):
        # French words and figures, whatever the shell's locale.
        with translation.override(settings.LANGUAGE_CODE):
            try:
                export = export_format(format_name.lower())
                if output == STDOUT and not export.is_text:
                    raise CommandError(
                        _(
                            "Le format %(format)s est binaire : il ne peut pas être écrit sur "
                            "la sortie standard. Indiquez un fichier avec --output."
                        )
                        % {"format": export.name}
                    )
                exported = export_bilan(year, export.name)
            except BilanError as error:
                raise CommandError(str(error)) from error
            if output == STDOUT:
                self.stdout.write(exported.content.decode(), ending="")
                return
            path = Path(output or exported.filename)
            write_atomically(path, exported.content)
            self.stdout.write(
                self.style.SUCCESS(
                    _("%(file)s écrit (%(size)s octets).")
                    % {"file": path, "size": len(exported.content)}
                )
            )


def write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over ``path``."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise CommandError(_("Le dossier %(folder)s n'existe pas.") % {"folder": folder})
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
