from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

# Demo credentials: printed on purpose, and only ever created in demo mode.
DEMO_ACCOUNTS = [
    # (username, password, role shown to the user)
    ("admin", "ldaplan-admin-demo", "Administrateur"),
]


class Command(BaseCommand):
    help = "Crée les comptes de démonstration (mode démo uniquement) et affiche leurs identifiants."

    def handle(self, *args, **options):
        if not settings.LDAPLAN_DEMO:
            raise CommandError(
                "Les comptes de démonstration ne sont créés qu'en mode démo "
                "(DEBUG=1 ou LDAPLAN_DEMO=1), jamais en production."
            )
        user_model = get_user_model()
        self.stdout.write("Comptes de démonstration (http://127.0.0.1:8000/admin/) :")
        for username, password, role in DEMO_ACCOUNTS:
            user = user_model.objects.filter(username=username).first()
            if user is None:
                user_model.objects.create_superuser(username=username, password=password, email="")
                shown = password
            elif user.check_password(password):
                shown = password
            else:
                # Someone changed it: keep their password and do not print it.
                shown = "(mot de passe modifié, inchangé)"
            self.stdout.write(f"  {role:<16} identifiant : {username:<10} mot de passe : {shown}")
