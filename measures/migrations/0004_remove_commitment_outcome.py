# The outcome of a commitment is its published mark now (0003 moved them).
# Its own migration: on PostgreSQL, no table altered in the transaction that wrote the marks.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('measures', '0003_commitment_mark'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='commitment',
            name='commitment_outcome_known',
        ),
        migrations.RemoveField(
            model_name='commitment',
            name='comment',
        ),
        migrations.RemoveField(
            model_name='commitment',
            name='outcome',
        ),
        migrations.RemoveField(
            model_name='commitment',
            name='revision',
        ),
        migrations.RemoveField(
            model_name='historicalcommitment',
            name='comment',
        ),
        migrations.RemoveField(
            model_name='historicalcommitment',
            name='outcome',
        ),
        migrations.RemoveField(
            model_name='historicalcommitment',
            name='revision',
        ),
    ]
