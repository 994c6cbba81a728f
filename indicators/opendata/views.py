from django.http import HttpResponse
from django.shortcuts import render

from core.views import file_response
from indicators.opendata import files as opendata
from indicators.opendata.arrondissement_files import ARRONDISSEMENT_FIGURES
from indicators.opendata.funding_files import FUNDING, PARTNERS
from indicators.schema import COLUMNS, OPEN_DATA, VALUES_SHEET_COLUMNS


def opendata_index(request):
    """The open data page: the files, their columns, and the API."""
    sheet_columns = [(column, column.name in OPEN_DATA) for column in VALUES_SHEET_COLUMNS]
    context = {
        "columns": COLUMNS,
        "sheet_columns": sheet_columns,
        "funding_columns": FUNDING.columns,
        "partner_columns": PARTNERS.columns,
        "arrondissement_columns": ARRONDISSEMENT_FIGURES.columns,
    }
    return render(request, "indicators/opendata/index.html", context)


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


def funding_csv(request):
    return _file(FUNDING.csv())


def funding_french_csv(request):
    return _file(FUNDING.french_csv())


def funding_json(request):
    return _file(FUNDING.json())


def funding_schema_json(request):
    return _file(FUNDING.schema(), attachment=False)


def partners_csv(request):
    return _file(PARTNERS.csv())


def partners_french_csv(request):
    return _file(PARTNERS.french_csv())


def partners_json(request):
    return _file(PARTNERS.json())


def partners_schema_json(request):
    return _file(PARTNERS.schema(), attachment=False)


def arrondissement_csv(request):
    return _file(ARRONDISSEMENT_FIGURES.csv())


def arrondissement_french_csv(request):
    return _file(ARRONDISSEMENT_FIGURES.french_csv())


def arrondissement_json(request):
    return _file(ARRONDISSEMENT_FIGURES.json())


def arrondissement_schema_json(request):
    return _file(ARRONDISSEMENT_FIGURES.schema(), attachment=False)
