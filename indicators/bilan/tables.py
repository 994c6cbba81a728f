"""The django-tables2 table of the bilan, laid out like the report, for a shaped bilan.

``render_<col>`` writes a cell for the page (HTML); ``value_<col>`` gives the
plain text of the exports.
"""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from indicators.bilan.shaping import Bilan
from measures.markup import markup_to_plain_text, render_markup


class BilanTable(tables.Table):
    """The bilan of a reporting year laid out like the report.

    Rows are ``indicators.bilan.shaping.BilanAxis`` (an axis heading) and
    ``BilanTableRow``, in report order. ``render_<col>`` gives the page's HTML
    (the template lays out the rowspans and the axis rows); ``value_<col>``
    gives the plain text of the exports: an axis heading in the first cell and
    nothing else, an ambition on the first of its rows only, a measure number
    where the report prints it.
    """

    ambition = tables.Column(accessor="ambition_text", empty_values=())
    bilan = tables.Column(accessor="bilan_text", empty_values=())
    number = tables.Column(verbose_name="#", accessor="number_label", empty_values=())
    action_plan = tables.Column(accessor="action_plan_text", empty_values=())

    class Meta:
        attrs = {"class": "bilan-table"}
        orderable = False

    def __init__(self, data, *, headers: dict[str, str], caption: str = "", **kwargs):
        super().__init__(data, **kwargs)
        # The year is in the headers ("Bilan 2022"), so they are set per table.
        for name, header in headers.items():
            self.columns[name].column.verbose_name = header
        self.caption = caption

    def render_ambition(self, record):
        return "" if record.is_heading else render_markup(record.ambition_text)

    def value_ambition(self, record):
        if record.is_heading:
            return record.heading
        return markup_to_plain_text(record.ambition_text) if record.is_first_of_ambition else ""

    def render_bilan(self, record):
        return "" if record.is_heading else render_markup(record.bilan_text)

    def value_bilan(self, record):
        return "" if record.is_heading else markup_to_plain_text(record.bilan_text)

    def render_number(self, record):
        if record.is_heading:
            return ""
        if record.measure_number is None:
            return format_html('<span class="visually-hidden">{}</span>', _("sans numéro"))
        return record.number_label

    def value_number(self, record):
        return "" if record.is_heading else (record.shown_number or "")

    def render_action_plan(self, record):
        return "" if record.is_heading else render_markup(record.action_plan_text)

    def value_action_plan(self, record):
        return "" if record.is_heading else markup_to_plain_text(record.action_plan_text)


def bilan_table(bilan: Bilan) -> BilanTable:
    """The django-tables2 table of the bilan: HTML cells for pages, plain values for files."""
    return BilanTable(
        bilan.lines,
        headers={
            "ambition": bilan.ambition_header,
            "bilan": bilan.bilan_header,
            "action_plan": bilan.action_plan_header,
        },
        caption=gettext("%(title)s : ambitions, bilan %(year)s et plan d'action %(next)s")
        % {"title": bilan.title, "year": bilan.year, "next": bilan.action_plan_year},
    )
