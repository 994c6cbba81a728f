"""What a pièce justificative may be, told from its bytes, not from its name.

Accepted: PDF, images (PNG, JPEG, GIF, WebP), OpenDocument (ODT, ODS, ODP) and Office Open
XML (DOCX, XLSX, PPTX) documents. Each is recognised by its content:

- PDF by its header (``%PDF-``), refused when encrypted (``/Encrypt``);
- images by their signatures;
- OpenDocument: a ZIP whose first member is ``mimetype``, stored, naming an accepted
  OpenDocument type, and whose manifest declares no encryption;
- Office Open XML: a ZIP holding ``[Content_Types].xml`` and the main part of a Word,
  Excel or PowerPoint document (``word/document.xml``…), without macros.

The old binary Office formats (.doc, .xls, .ppt) share one container with documents
encrypted by a password; telling them apart means parsing it, so both are refused with a
word on what to send instead. Anything else (HTML, SVG, scripts, programs, ZIP archives
that are not office documents…) is refused, and so is a name whose extension says another
type than the content: ``file.png`` holding a PDF.

The file is read in chunks (its fingerprint, the PDF's encryption) and a ZIP by its
directory: nothing is ever read whole into memory, nor extracted.
"""

import hashlib
import unicodedata
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CHUNK = 64 * 1024
HEAD = 4096
# A ZIP member read to tell the type ([Content_Types].xml, the manifest) is small.
SMALL_MEMBER = 1024 * 1024
MAX_MEMBERS = 10_000


@dataclass(frozen=True)
class FileType:
    label: str  # « un PDF », in a sentence
    media_type: str
    extensions: tuple[str, ...]  # the first one is the one the storage's name gets


PDF = FileType(gettext_lazy("un PDF"), "application/pdf", ("pdf",))
PNG = FileType(gettext_lazy("une image PNG"), "image/png", ("png",))
JPEG = FileType(gettext_lazy("une image JPEG"), "image/jpeg", ("jpg", "jpeg"))
GIF = FileType(gettext_lazy("une image GIF"), "image/gif", ("gif",))
WEBP = FileType(gettext_lazy("une image WebP"), "image/webp", ("webp",))
ODT = FileType(
    gettext_lazy("un texte OpenDocument (ODT)"), "application/vnd.oasis.opendocument.text", ("odt",)
)
ODS = FileType(
    gettext_lazy("un classeur OpenDocument (ODS)"),
    "application/vnd.oasis.opendocument.spreadsheet",
    ("ods",),
)
ODP = FileType(
    gettext_lazy("une présentation OpenDocument (ODP)"),
    "application/vnd.oasis.opendocument.presentation",
    ("odp",),
)
DOCX = FileType(
    gettext_lazy("un document Word (DOCX)"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ("docx",),
)
XLSX = FileType(
    gettext_lazy("un classeur Excel (XLSX)"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ("xlsx",),
)
PPTX = FileType(
    gettext_lazy("une présentation PowerPoint (PPTX)"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ("pptx",),
)
ACCEPTED = (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, PNG, JPEG, GIF, WEBP)
ACCEPTED_EXTENSIONS = tuple(f".{e}" for t in ACCEPTED for e in t.extensions)

SIGNATURES = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
)
ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODF_TYPES = {t.media_type: t for t in (ODT, ODS, ODP)}
OOXML_MAIN_PARTS = {
    "word/document.xml": DOCX,
    "xl/workbook.xml": XLSX,
    "ppt/presentation.xml": PPTX,
}


@dataclass(frozen=True)
class CheckedFile:
    type: FileType
    size: int
    sha256: str
    name: str  # the sender's name, cleaned


def refused(reason: str) -> ValidationError:
    return ValidationError(reason, code="refused_file")


def not_accepted(what: str) -> ValidationError:
    return refused(
        _("Ce fichier n'est pas un PDF, un document bureautique ou une image : %(what)s.")
        % {"what": what}
    )


def megabytes(size: int) -> str:
    """« 10 », « 2,5 »: a size in Mo, the French way, for the messages."""
    value = round(size / (1024 * 1024), 1)
    return f"{value:g}".replace(".", ",")


def check_size(size: int, max_bytes: int) -> None:
    if size == 0:
        raise refused(_("Ce fichier est vide : choisissez la pièce à joindre."))
    if size > max_bytes:
        raise refused(
            _("Ce fichier dépasse la limite de %(limit)s Mo par pièce justificative.")
            % {"limit": megabytes(max_bytes)}
        )


def clean_name(name: str) -> str:
    """The sender's file name without a folder, invisible characters or characters that
    a file system refuses, at most 150 characters, its extension kept.

    >>> clean_name("C:\\\\Users\\\\agent\\\\Rapport  2022\\u202e.pdf")
    'Rapport 2022.pdf'
    >>> clean_name('../a<b>"c".pdf'), clean_name(".pdf")
    ('a_b__c_.pdf', 'piece.pdf')
    """
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rpartition("/")[2])
    name = "".join(c for c in name if not unicodedata.category(c).startswith("C"))
    name = "".join("_" if c in '<>:"|?*' else c for c in name)
    name = " ".join(name.split())
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem, extension = stem.strip(" .") or "piece", extension.strip()
    room = 150 - len(extension) - 1
    return f"{stem[:room].rstrip(' .')}.{extension}" if extension else stem[:150]


def _chunks(upload):
    upload.seek(0)
    while chunk := upload.read(CHUNK):
        yield chunk


def fingerprint_and_scan(upload, marker: bytes) -> tuple[str, bool]:
    """The SHA-256 of the file, and whether ``marker`` occurs in it (read in chunks)."""
    digest = hashlib.sha256()
    found = False
    tail = b""
    for chunk in _chunks(upload):
        digest.update(chunk)
        if marker and not found:
            found = marker in tail + chunk
            tail = chunk[-len(marker) :]
    return digest.hexdigest(), found


def _guess(head: bytes) -> str:
    """What a refused file seems to be, for its message."""
    lowered = head[:512].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")):
        return _("c'est une page web (HTML)")
    if b"<svg" in head.lower():
        return _("c'est une image SVG, qui peut contenir du code")
    if head.startswith((b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")):
        return _("c'est un programme")
    if head.startswith(b"#!"):
        return _("c'est un script")
    return _("son contenu n'est pas reconnu")


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > SMALL_MEMBER:
        raise refused(_("Ce document bureautique a une structure anormale : il est refusé."))
    return archive.read(info)


def _odf_type(archive: zipfile.ZipFile, infos: list) -> FileType:
    mimetype = infos[0]
    if mimetype.compress_type != zipfile.ZIP_STORED or mimetype.file_size > 100:
        raise refused(_("Ce document OpenDocument a une structure anormale : il est refusé."))
    found = ODF_TYPES.get(_member(archive, mimetype).decode("ascii", "replace").strip())
    if found is None:
        raise not_accepted(_("ce type de document OpenDocument n'est pas accepté"))
    manifest = next((i for i in infos if i.filename == "META-INF/manifest.xml"), None)
    if manifest is not None and b"encryption-data" in _member(archive, manifest):
        raise refused(
            _("Ce document est protégé par un mot de passe : joignez-le sans protection.")
        )
    return found


def _ooxml_type(archive: zipfile.ZipFile, infos: list) -> FileType:
    names = {info.filename for info in infos}
    found = next((t for part, t in OOXML_MAIN_PARTS.items() if part in names), None)
    if found is None:
        raise not_accepted(_("c'est une archive ZIP, pas un document bureautique"))
    content_types = next(i for i in infos if i.filename == "[Content_Types].xml")
    if any(name.lower().endswith("vbaproject.bin") for name in names) or (
        b"macroenabled" in _member(archive, content_types).lower()
    ):
        raise refused(
            _("Ce document contient des macros : enregistrez-le sans macros (DOCX, XLSX, PPTX).")
        )
    return found


def zip_type(upload) -> FileType:
    """The office document a ZIP holds, read from its directory; refused otherwise."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            if not infos or len(infos) > MAX_MEMBERS:
                raise not_accepted(_("c'est une archive ZIP, pas un document bureautique"))
            if any(info.flag_bits & 0x1 for info in infos):
                raise refused(
                    _("Ce document est protégé par un mot de passe : joignez-le sans protection.")
                )
            if infos[0].filename == "mimetype":
                return _odf_type(archive, infos)
            if "[Content_Types].xml" in {info.filename for info in infos}:
                return _ooxml_type(archive, infos)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError):
        raise refused(_("Ce document est endommagé : il ne peut pas être lu.")) from None
    raise not_accepted(_("c'est une archive ZIP, pas un document bureautique"))


def detect_type(upload, head: bytes) -> FileType:
    for signature, file_type in SIGNATURES:
        if head.startswith(signature):
            return file_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(ZIP_SIGNATURE):
        return zip_type(upload)
    if head.startswith(OLE_SIGNATURE):
        raise refused(
            _(
                "Les anciens formats Office (.doc, .xls, .ppt) et les documents protégés par "
                "un mot de passe ne sont pas acceptés : enregistrez-le en PDF, DOCX, XLSX, "
                "ODT ou ODS, sans mot de passe."
            )
        )
    raise not_accepted(_guess(head))


def check_extension(name: str, file_type: FileType) -> None:
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension not in file_type.extensions:
        raise refused(
            _(
                "Le nom « %(name)s » ne correspond pas au contenu du fichier, qui est "
                "%(type)s : il devrait finir par « .%(extension)s »."
            )
            % {"name": name, "type": file_type.label, "extension": file_type.extensions[0]}
        )


def check_file(upload, max_bytes: int) -> CheckedFile:
    """The upload's type, size, fingerprint and cleaned name; ``ValidationError`` with
    the French reason when it is refused. Its size is checked before a byte is read."""
    check_size(upload.size, max_bytes)
    upload.seek(0)
    head = upload.read(HEAD)
    file_type = detect_type(upload, head)
    name = clean_name(upload.name or "")
    check_extension(name, file_type)
    sha256, encrypted = fingerprint_and_scan(upload, b"/Encrypt" if file_type is PDF else b"")
    if encrypted:
        raise refused(_("Ce PDF est chiffré ou protégé par un mot de passe : joignez-le sans."))
    upload.seek(0)
    return CheckedFile(type=file_type, size=upload.size, sha256=sha256, name=name)
