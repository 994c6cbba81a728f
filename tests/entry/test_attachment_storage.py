"""Where the pièces justificatives are kept: a local folder by default, an S3-compatible bucket
when one is named, through django-storages; never an address of its own."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, default_storage, storages

from ldaplan.storage_settings import S3_BACKEND, storage_settings

BASE = "/srv/ldaplan"


def settings_for(**environ):
    return storage_settings(environ, base_dir=Path(BASE), debug=False)


def test_a_local_folder_by_default_readable_by_the_site_only():
    chosen = settings_for()
    default = chosen["STORAGES"]["default"]
    assert default["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert default["OPTIONS"]["location"] == f"{BASE}/var/media"
    assert default["OPTIONS"]["file_permissions_mode"] == 0o640
    assert chosen["MEDIA_ROOT"] == f"{BASE}/var/media"
    assert chosen["LDAPLAN_ATTACHMENT_MAX_BYTES"] == 10 * 1024 * 1024
    assert settings_for(LDAPLAN_MEDIA_ROOT="/data/pieces")["MEDIA_ROOT"] == "/data/pieces"


def test_naming_a_bucket_selects_the_s3_backend_of_django_storages(settings):
    chosen = settings_for(
        LDAPLAN_MEDIA_S3_BUCKET="ldaplan-pieces",
        LDAPLAN_MEDIA_S3_ENDPOINT_URL="https://s3.fr-par.scw.cloud",
        LDAPLAN_MEDIA_S3_REGION="fr-par",
        LDAPLAN_MEDIA_S3_ACCESS_KEY_ID="identifiant",
        LDAPLAN_MEDIA_S3_SECRET_ACCESS_KEY="secret",
        LDAPLAN_MEDIA_S3_PREFIX="/production/",
        LDAPLAN_MEDIA_S3_ADDRESSING_STYLE="path",
    )
    settings.STORAGES = chosen["STORAGES"]
    from storages.backends.s3 import S3Storage

    # Made from the settings, without a request to the bucket.
    storage = storages["default"]
    assert isinstance(storage, S3Storage)
    # The file field's storage (Django's default) is that one.
    assert default_storage.bucket_name == "ldaplan-pieces"
    assert isinstance(default_storage._wrapped, S3Storage)
    assert storage.bucket_name == "ldaplan-pieces"
    assert storage.endpoint_url == "https://s3.fr-par.scw.cloud"
    assert storage.region_name == "fr-par"
    assert storage.location == "production"
    assert storage.addressing_style == "path"
    # Private: no ACL sent (the bucket's, private), signed if an address were ever made,
    # and a name never overwritten.
    assert storage.default_acl is None
    assert storage.querystring_auth is True
    assert storage.file_overwrite is False
    assert chosen["STORAGES"]["default"]["BACKEND"] == S3_BACKEND


def test_without_a_bucket_the_default_storage_is_the_folder(settings, tmp_path):
    settings.STORAGES = settings_for(LDAPLAN_MEDIA_ROOT=str(tmp_path))["STORAGES"]
    assert isinstance(storages["default"], FileSystemStorage)


@pytest.mark.parametrize(
    "environ",
    [
        {"LDAPLAN_ATTACHMENT_MAX_MB": "dix"},
        {"LDAPLAN_ATTACHMENT_MAX_MB": "0"},
        {"LDAPLAN_MEDIA_S3_BUCKET": "b", "LDAPLAN_MEDIA_S3_ADDRESSING_STYLE": "oblique"},
    ],
)
def test_a_wrong_setting_stops_the_start(environ):
    with pytest.raises(ImproperlyConfigured):
        settings_for(**environ)


def test_the_limit_is_set_in_mo():
    assert settings_for(LDAPLAN_ATTACHMENT_MAX_MB="25")["LDAPLAN_ATTACHMENT_MAX_BYTES"] == (
        25 * 1024 * 1024
    )
