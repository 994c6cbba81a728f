"""Several plans: each has an address (``/plans/<slug>/``), one is current, others may be archived.

The plan a database already has becomes the current one (the newest, as the site showed
it), and gets the address its title and years give.
"""

from django.db import migrations, models
from django.db.models import Q

from measures.plan_space import default_slug


def name_and_mark_current(apps, schema_editor):
    Plan = apps.get_model("measures", "Plan")
    taken = set()
    for plan in Plan.objects.order_by("start_year", "pk"):
        base = default_slug(plan.title, plan.start_year, plan.end_year)
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        plan.slug = slug
        plan.save(update_fields=["slug"])
    newest = Plan.objects.order_by("-start_year", "pk").first()
    if newest is not None:
        Plan.objects.filter(pk=newest.pk).update(is_current=True)


class Migration(migrations.Migration):
    dependencies = [("measures", "0008_bilan_entry_final_text")]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="slug",
            # No index yet: the unique one comes once every plan has its own slug (an
            # index here too would be created twice on PostgreSQL, « _like » included).
            field=models.SlugField(
                db_index=False, default="", max_length=80, verbose_name="adresse"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="plan",
            name="is_current",
            field=models.BooleanField(
                default=False,
                help_text="Le plan que montrent les adresses du site sans /plans/ : un seul à la fois.",
                verbose_name="plan en cours",
            ),
        ),
        migrations.AddField(
            model_name="plan",
            name="archived_on",
            field=models.DateField(
                blank=True,
                help_text="Un plan archivé se lit toujours mais ne se saisit plus.",
                null=True,
                verbose_name="archivé le",
            ),
        ),
        migrations.RunPython(name_and_mark_current, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="plan",
            name="slug",
            field=models.SlugField(
                help_text="Ses pages sont sous /plans/<adresse>/ ; elle ne change plus une fois le "
                "plan publié, pour que les liens des éditions et des exports gardent leur sens.",
                max_length=80,
                unique=True,
                verbose_name="adresse",
            ),
        ),
        migrations.AddConstraint(
            model_name="plan",
            constraint=models.UniqueConstraint(
                condition=Q(is_current=True),
                fields=("is_current",),
                name="plan_one_current",
                violation_error_message="Un seul plan peut être le plan en cours.",
            ),
        ),
        migrations.AddConstraint(
            model_name="plan",
            constraint=models.CheckConstraint(
                condition=Q(is_current=False) | Q(archived_on__isnull=True),
                name="plan_current_not_archived",
                violation_error_message="Le plan en cours ne peut pas être archivé.",
            ),
        ),
    ]
