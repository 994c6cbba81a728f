"""The data version in the database: what every process of one server agrees on.

``core.data_version`` reads it with ``LDAPLAN_DATA_VERSION=database`` (several servers
without Redis): each process then keeps its own copy of the cached pages, each stored
with the version it was built from, and serves one only while that version is still the
database's.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The one row: the version is a counter, not a history.
THE_VERSION = 1


class DataVersion(models.Model):
    number = models.PositiveBigIntegerField(_("version des données"), default=1)
    changed_at = models.DateTimeField(_("changée le"), default=timezone.now)

    class Meta:
        verbose_name = _("version des données")
        verbose_name_plural = _("versions des données")

    def __str__(self):
        return f"{self.number} ({self.changed_at:%Y-%m-%d %H:%M})"
