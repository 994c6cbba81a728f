from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from measures.models import Plan


class Command(BaseCommand):
    help = (
        "Charge le plan parisien pour le logement d'abord (bilan 2022) depuis fixtures/plan.json, "
        "une seule fois : une base qui contient déjà un plan n'est pas modifiée."
    )

    def handle(self, *args, **options):
        # Reloading the fixture over a used database would overwrite what staff
        # entered since: the seed is for an empty database only.
        if Plan.objects.exists():
            self.stdout.write("Le plan est déjà chargé : rien n'est modifié.")
            return
        with transaction.atomic():
            call_command("loaddata", "plan", verbosity=0)
        plan = Plan.objects.get()
        self.stdout.write(
            self.style.SUCCESS(
                f"Plan chargé : {plan} — {plan.axes.count()} axes, "
                f"{sum(axis.measures.count() for axis in plan.axes.all())} mesures."
            )
        )
