"""Create the plan that follows another one, with its structure as a starting point.

    python manage.py create_successor_plan
    python manage.py create_successor_plan \
        --source plan-parisien-pour-le-logement-d-abord-2021-2026 \
        --title "Plan parisien pour le logement d'abord" --start 2027 --end 2032

Its axes, ambitions, measures, rows and indicators are copied, with no figure and no
milestone (``indicators.plans.copy_plan_structure``). The new plan is not current: the
site keeps showing the same plan until an administrator marks the new one current.
"""

import re

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from indicators import plans
from measures.models import Plan

ADDRESS = re.compile(r"[-a-z0-9]{1,80}")


class Command(BaseCommand):
    help = (
        "Crée le plan suivant d'un plan, en copiant sa structure (axes, mesures, lignes, "
        "indicateurs) sans aucun chiffre ni jalon. Le site continue de montrer le plan en cours."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", help="Adresse (slug) du plan à copier ; par défaut, le plan en cours."
        )
        parser.add_argument(
            "--title", help="Titre du nouveau plan ; par défaut, celui du plan copié."
        )
        parser.add_argument("--start", type=int, help="Première année ; par défaut, la suivante.")
        parser.add_argument("--end", type=int, help="Dernière année ; par défaut, autant d'années.")
        parser.add_argument(
            "--slug", default="", help="Adresse (/plans/<adresse>/) du nouveau plan."
        )

    def handle(self, *args, source=None, title=None, start=None, end=None, slug="", **options):
        plans_shown = Plan.objects.filter(slug=source) if source else Plan.objects.shown()
        original = plans_shown.first()
        if original is None:
            raise CommandError(
                f"Aucun plan n'a l'adresse « {source} »." if source else "Aucun plan n'est chargé."
            )
        start = start or plans.successor_period(original)[0]
        end = end or (start + len(original.years) - 1)
        if end < start:
            raise CommandError("La dernière année du plan doit suivre ou égaler la première.")
        if slug and not ADDRESS.fullmatch(slug):
            raise CommandError(
                f"« {slug} » n'est pas une adresse : des minuscules, des chiffres et des tirets."
            )
        if slug and Plan.objects.filter(slug=slug).exists():
            raise CommandError(f"Un plan a déjà l'adresse « {slug} ».")
        try:
            successor = plans.copy_plan_structure(
                original, title=title or original.title, start_year=start, end_year=end, slug=slug
            )
        except IntegrityError as error:
            raise CommandError(f"Le plan n'a pas été créé : {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Plan créé : {successor}, à l'adresse /plans/{successor.slug}/ (copie de la "
                f"structure de « {original} », sans aucun chiffre). Le site montre toujours le "
                "même plan : marquez le nouveau « plan en cours » dans l'administration le jour "
                "où il le remplace."
            )
        )
