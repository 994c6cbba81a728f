"""django-tables2 table of the completeness board. Only the table class lives here.

Rows are the dicts of ``board_rows``; ``render_<col>`` writes a cell for the page.
"""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.formatting import format_number, format_percent

FIGURE = {"td": {"class": "figure"}}


def missing_label(kind: str, count: int) -> str:
    """« 3 résultats », « 1 texte »…: how many of one kind are missing."""
    labels = {
        "results": ngettext("%(count)s résultat", "%(count)s résultats", count),
        "targets": ngettext("%(count)s objectif", "%(count)s objectifs", count),
        "milestones": ngettext("%(count)s jalon", "%(count)s jalons", count),
        "texts": ngettext("%(count)s texte", "%(count)s textes", count),
        "commitments": ngettext("%(count)s engagement", "%(count)s engagements", count),
    }
    return labels[kind] % {"count": format_number(count)}


def board_rows(pages, *, late: bool, may_open=lambda page: True) -> list[dict]:
    """One dict per entry page, with what the table sorts on. ``may_open(page)`` says whether
    the reader may open the page's entry forms: if not, the page is named without links (a
    link to a refusal is a dead end)."""
    rows = []
    for page in pages:
        tally = page.tally
        rows.append(
            {
                "axis": page.axis_number,
                "page": page,
                "opens": may_open(page),
                # Measures by number, then the rows without a number.
                "page_order": (page.measure_number or 10_000, page.title),
                "agents": ", ".join(name for _pk, name in page.agents),
                "expected": tally.expected,
                "entered": tally.entered,
                "submitted": tally.submitted,
                "returned": tally.returned,
                "validated": tally.validated,
                "published": tally.published,
                "entered_percent": tally.entered_percent,
                "reviewed_percent": tally.reviewed_percent,
                "missing": tally.missing_count,
                "late": late and bool(tally.missing_count),
            }
        )
    return rows


def figure_column(label):
    return tables.Column(verbose_name=label, attrs=FIGURE)


class CompletenessTable(tables.Table):
    row_header = "page"
    axis = figure_column(_("Axe"))
    page = tables.Column(verbose_name=_("Mesure"), order_by=("page_order",))
    expected = figure_column(_("Attendu"))
    entered = figure_column(_("Saisi"))
    submitted = figure_column(_("Soumis"))
    returned = figure_column(_("Renvoyé"))
    validated = figure_column(_("Validé"))
    published = figure_column(_("Publié"))
    entered_percent = figure_column(_("Saisi (%)"))
    reviewed_percent = figure_column(_("Validé (%)"))
    missing = tables.Column(verbose_name=_("À remplir"))

    class Meta:
        template_name = "includes/data_table.html"
        attrs = {"class": "data-table compact board-table"}
        orderable = True
        empty_text = _("Aucune mesure ne correspond à ce filtre.")

    def __init__(self, data, *, caption: str = "", **kwargs):
        super().__init__(data, **kwargs)
        self.caption = caption

    def render_page(self, value, record):
        if value.measure_number:
            label = gettext("Mesure %(number)s : %(title)s") % {
                "number": value.measure_number,
                "title": value.title,
            }
        else:
            label = gettext("%(title)s (ligne sans numéro)") % {"title": value.title}
        agents = record["agents"] or gettext("aucun agent attribué")
        name = format_html('<a href="{}">{}</a>', value.url, label) if record["opens"] else label
        return format_html("{}<br><small>{} {}</small>", name, gettext("Agents :"), agents)

    def render_entered_percent(self, value):
        return format_percent(value)

    def render_reviewed_percent(self, value):
        return format_percent(value)

    def render_missing(self, value, record):
        if not value:
            return gettext("tout est saisi")
        page = record["page"]
        missing = [
            (page.link(anchor), missing_label(kind, count))
            for kind, count, anchor in page.tally.missing_by_kind()
        ]
        if record["opens"]:
            links = format_html_join(", ", '<a href="{}">{}</a>', missing)
        else:
            links = format_html_join(", ", "{}", ((label,) for _link, label in missing))
        late = (
            format_html(' <span class="badge late">{}</span>', gettext("saisie en retard"))
            if record["late"]
            else ""
        )
        return format_html("{}{}", links, late)
