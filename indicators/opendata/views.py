from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from indicators.opendata import files as opendata


def opendata_index(request):
    """The open data page: the files, their columns, and the API."""
    return render(request, "indicators/opendata/index.html", {"columns": opendata.COLUMNS})


def _file(data: opendata.OpenDataFile) -> HttpResponse:
    response = HttpResponse(data.content, content_type=data.content_type)
    response["Content-Disposition"] = content_disposition_header(True, data.filename)
    return response


def values_csv(request):
    return _file(opendata.values_csv())


def values_json(request):
    return _file(opendata.values_json())
