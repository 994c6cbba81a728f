from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from indicators import roles
from measures.models import Measure

# Demo credentials: printed on purpose, and only ever created in demo mode.
# (username, password, role shown, group, measures assigned)
DEMO_ACCOUNTS = [
    ("admin", "ldaplan-admin-demo", "Administrateur", roles.ADMINISTRATORS, ()),
    ("saisie", "ldaplan-saisie-demo", "Agent de saisie", roles.EDITORS, (1, 2, 3, 4)),
    ("validateur", "ldaplan-validation-demo", "Validateur", roles.REVIEWERS, ()),
    ("partenaire", "ldaplan-partenaire-demo", "Partenaire", roles.PARTNERS, ()),
]


class Command(BaseCommand):
    help = (
        "Crée un compte de démonstration par rôle (mode démo uniquement) "
        "et affiche leurs identifiants."
    )

    def handle(self, *args, **options):
        if not settings.LDAPLAN_DEMO:
            raise CommandError(
                "Les comptes de démonstration ne sont créés qu'en mode démo "
                "(DEBUG=1 ou LDAPLAN_DEMO=1), jamais en production."
            )
        roles.ensure_roles()
        user_model = get_user_model()
        self.stdout.write(
            "Comptes de démonstration (connexion : http://127.0.0.1:8000/connexion/) :"
        )
        for username, password, role, group_name, measure_numbers in DEMO_ACCOUNTS:
            user = user_model.objects.filter(username=username).first()
            if user is None:
                user = user_model.objects.create_user(username=username, password=password)
                user.is_staff = group_name == roles.ADMINISTRATORS
                user.is_superuser = group_name == roles.ADMINISTRATORS
                user.save()
                user.groups.add(Group.objects.get(name=group_name))
                for measure in Measure.objects.filter(number__in=measure_numbers):
                    measure.editors.add(user)
                shown = password
            elif user.check_password(password):
                shown = password
            else:
                # Someone changed it: keep their password and do not print it.
                shown = "(mot de passe modifié, inchangé)"
            self.stdout.write(f"  {role:<16} identifiant : {username:<11} mot de passe : {shown}")
