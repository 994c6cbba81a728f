from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from indicators.opendata import files as opendata
from indicators.opendata.schema import COLUMNS


def opendata_index(request):
    """The open data page: the files, their columns, and the API."""
    return render(request, "indicators/opendata/index.html", {"columns": COLUMNS})


def _file(data: opendata.OpenDataFile, *, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(data.content, content_type=data.content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, data.filename)
    return response


def values_csv(request):
    return _file(opendata.values_csv())


def values_french_csv(request):
    return _file(opendata.values_french_csv())


def values_json(request):
    return _file(opendata.values_json())


def schema_json(request):
    return _file(opendata.schema_json(), attachment=False)
