"""Where files are kept, from the environment: static files, and the pièces justificatives.

The pièces justificatives staff attach to an entry (``indicators.models.attachments``) are
written through Django's default storage:

- a folder on the server by default, ``LDAPLAN_MEDIA_ROOT`` (``var/media``);
- any S3-compatible object store (AWS, Scaleway, OVHcloud, MinIO…) when
  ``LDAPLAN_MEDIA_S3_BUCKET`` is set, through django-storages: ``LDAPLAN_MEDIA_S3_ENDPOINT_URL``
  (empty for AWS), ``LDAPLAN_MEDIA_S3_REGION``, ``LDAPLAN_MEDIA_S3_ACCESS_KEY_ID`` and
  ``LDAPLAN_MEDIA_S3_SECRET_ACCESS_KEY`` (empty: boto3's own chain, e.g. the server's role),
  ``LDAPLAN_MEDIA_S3_PREFIX`` (a folder inside the bucket), ``LDAPLAN_MEDIA_S3_ADDRESSING_STYLE``
  (``path`` for most self-hosted stores).

No file is ever served from the storage's own address: ``MEDIA_URL`` is not set, the bucket
stays private (no ACL is sent: the bucket's own, private by default, applies), and the site
reads each file through the storage and serves it only to whoever may have it
(``indicators.entry.attachment_views``).

``LDAPLAN_ATTACHMENT_MAX_MB`` bounds the size of one file (10 by default).
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

FILE_SYSTEM_BACKEND = "django.core.files.storage.FileSystemStorage"
S3_BACKEND = "storages.backends.s3.S3Storage"
DEFAULT_ATTACHMENT_MAX_MB = 10


def _true(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def attachment_storage(environ, base_dir: Path) -> dict:
    """The default storage: a local folder, or an S3 bucket when one is named.

    >>> attachment_storage({}, Path("/srv/ldaplan"))["OPTIONS"]["location"]
    '/srv/ldaplan/var/media'
    >>> s3 = attachment_storage({"LDAPLAN_MEDIA_S3_BUCKET": "pieces"}, Path("/srv"))
    >>> s3["BACKEND"], s3["OPTIONS"]["bucket_name"], s3["OPTIONS"]["querystring_auth"]
    ('storages.backends.s3.S3Storage', 'pieces', True)
    """
    bucket = environ.get("LDAPLAN_MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        location = environ.get("LDAPLAN_MEDIA_ROOT", "").strip() or str(base_dir / "var" / "media")
        options = {
            "location": location,
            "base_url": None,
            # Read by the site's own account only: no other account of the server.
            "file_permissions_mode": 0o640,
            "directory_permissions_mode": 0o750,
        }
        return {"BACKEND": FILE_SYSTEM_BACKEND, "OPTIONS": options}
    style = environ.get("LDAPLAN_MEDIA_S3_ADDRESSING_STYLE", "").strip() or None
    if style not in (None, "path", "virtual", "auto"):
        raise ImproperlyConfigured("LDAPLAN_MEDIA_S3_ADDRESSING_STYLE: path, virtual or auto.")
    options = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("LDAPLAN_MEDIA_S3_ENDPOINT_URL", "").strip() or None,
        "region_name": environ.get("LDAPLAN_MEDIA_S3_REGION", "").strip() or None,
        "access_key": environ.get("LDAPLAN_MEDIA_S3_ACCESS_KEY_ID", "").strip() or None,
        "secret_key": environ.get("LDAPLAN_MEDIA_S3_SECRET_ACCESS_KEY", "").strip() or None,
        "location": environ.get("LDAPLAN_MEDIA_S3_PREFIX", "").strip().strip("/"),
        "addressing_style": style,
        # Private objects: no public ACL; an address made by the storage would be signed
        # (the site never makes one: it serves the files itself).
        "default_acl": None,
        "querystring_auth": True,
        # Names are random (pieces/<uuid>.<ext>): an existing name is never reused.
        "file_overwrite": False,
    }
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


def attachment_max_bytes(environ) -> int:
    """The largest pièce justificative accepted, in bytes (``LDAPLAN_ATTACHMENT_MAX_MB``).

    >>> attachment_max_bytes({}), attachment_max_bytes({"LDAPLAN_ATTACHMENT_MAX_MB": "2"})
    (10485760, 2097152)
    """
    raw = environ.get("LDAPLAN_ATTACHMENT_MAX_MB", "").strip() or str(DEFAULT_ATTACHMENT_MAX_MB)
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= 1024:
        raise ImproperlyConfigured("LDAPLAN_ATTACHMENT_MAX_MB: a whole number of Mo, 1 to 1024.")
    return int(raw) * 1024 * 1024


def storage_settings(environ, *, base_dir: Path, debug: bool) -> dict:
    """``STORAGES``, ``MEDIA_ROOT`` and the attachments' size limit, for settings.py."""
    default = attachment_storage(environ, base_dir)
    collected = environ.get("LDAPLAN_COLLECTED_STATIC", "").strip()
    use_collected = _true(collected) if collected else not debug
    return {
        "STORAGES": {
            "default": default,
            # Hashed names (cache-busting) and gzip/brotli copies, made by collectstatic;
            # whitenoise then serves them with far-future caching. Developers and the
            # tests use the plain storage, which needs no collectstatic.
            "staticfiles": {
                "BACKEND": (
                    "whitenoise.storage.CompressedManifestStaticFilesStorage"
                    if use_collected
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"
                )
            },
        },
        # Read by FileSystemStorage only; never served by URL (no MEDIA_URL).
        "MEDIA_ROOT": default["OPTIONS"].get("location", ""),
        "LDAPLAN_ATTACHMENT_MAX_BYTES": attachment_max_bytes(environ),
    }
