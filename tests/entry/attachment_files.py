"""Small real files for the pièces justificatives' tests, made here, and the storage they go to."""

import io
import struct
import zipfile
import zlib

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from indicators.models import Attachment, Visibility


def pdf(body: bytes = b"") -> bytes:
    """A one-page PDF: header, catalog, page tree, page, cross-reference table, trailer."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>" + body,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + content + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def png() -> bytes:
    """A 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def docx() -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph("Convention signée (fictif)")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Logements captés (fictif)"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def odt() -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    document.text.addElement(P(text="Compte rendu (fictif)"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def plain_zip(**members: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in (members or {"notes.txt": b"notes"}).items():
            archive.writestr(name, content)
    return out.getvalue()


def macro_docx() -> bytes:
    """A DOCX holding a VBA project: a .docm renamed."""
    source = zipfile.ZipFile(io.BytesIO(docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            archive.writestr(info, source.read(info))
        archive.writestr("word/vbaProject.bin", b"\x00" * 64)
    return out.getvalue()


@pytest.fixture
def attachment_storage(settings, tmp_path):
    """The pièces go to a folder of the test's own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path / "media"


def make_attachment(
    entry, visibility=Visibility.PUBLIC, *, title="Convention signée (fictif)", content=None
):
    """A pièce of ``entry`` written as the service writes it (file in the storage, row)."""
    content = content if content is not None else pdf()
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(entry),
        object_id=entry.pk,
        title=title,
        visibility=visibility,
        original_name="convention.pdf",
        media_type="application/pdf",
        size=len(content),
        sha256="0" * 64,
    )
    attachment.file.save("piece.pdf", ContentFile(content), save=False)
    attachment.save()
    return attachment


def stored_names() -> list[str]:
    """Every file of the storage's pièces folder."""
    if not default_storage.exists("pieces"):
        return []
    return default_storage.listdir("pieces")[1]


def read_stored(attachment) -> bytes:
    with attachment.file.open("rb") as stored:
        return stored.read()
