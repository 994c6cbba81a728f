from django.http import HttpResponse
from django.shortcuts import render

from core.views import file_response
from indicators.opendata import files as opendata
from indicators.schema import COLUMNS, OPEN_DATA, VALUES_SHEET_COLUMNS


def opendata_index(request):
    """The open data page: the files, their columns, and the API."""
    sheet_columns = [(column, column.name in OPEN_DATA) for column in VALUES_SHEET_COLUMNS]
    return render(
        request,
        "indicators/opendata/index.html",
        {"columns": COLUMNS, "sheet_columns": sheet_columns},
    )


def _file(data: opendata.OpenDataFile, *, attachment: bool = True) -> HttpResponse:
    return file_response(data.content, data.content_type, data.filename, attachment=attachment)


def values_csv(request):
    return _file(opendata.values_csv())


def values_french_csv(request):
    return _file(opendata.values_french_csv())


def values_json(request):
    return _file(opendata.values_json())


def schema_json(request):
    return _file(opendata.schema_json(), attachment=False)


def values_sheet_schema_json(request):
    return _file(opendata.values_sheet_schema_json(), attachment=False)
