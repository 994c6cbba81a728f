"""Downloading, filling and sending collection workbooks the way the import tests do."""

import html
import io

from django.urls import reverse

from indicators.models import WorkbookImport


def plain(text) -> str:
    """A page's text with its entities read and French no-break spaces as spaces."""
    return html.unescape(str(text)).replace("\xa0", " ").replace("\u202f", " ")


def download(client, number=1, year=2022):
    import openpyxl

    url = reverse("entry:measure_workbook", args=[number, "xlsx"]) + f"?annee={year}"
    response = client.get(url)
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def set_cell(book, sheet, identifier, header, value):
    """Type ``value`` in the cell of column ``header`` on the row of ``identifier``."""
    ws = book[sheet]
    headers = [cell.value for cell in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == identifier:
            row[headers.index(header)].value = value
            return
    raise AssertionError(f"no row {identifier} in {sheet}")


def send(client, book, name="collecte-2022-mesure-1.xlsx", number=1, year=2022):
    content = io.BytesIO()
    book.save(content)
    upload = io.BytesIO(content.getvalue())
    upload.name = name
    url = reverse("entry:measure_import", args=[number]) + f"?annee={year}"
    return client.post(url, {"workbook": upload})


def preview_of(client, response):
    assert response.status_code == 302, response.content[:800]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page, WorkbookImport.objects.latest("pk")


def confirm(client, workbook_import):
    return client.post(reverse("entry:import_confirm", args=[workbook_import.pk]))
