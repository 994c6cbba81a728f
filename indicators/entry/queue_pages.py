"""The validation queue a page at a time.

A campaign can leave thousands of entries waiting (every indicator of a large plan
submitted at once): one page holding them all took seconds to build and weighed
megabytes, and nobody can check a thousand boxes anyway. Each list (submitted, validated)
shows ``QUEUE_PAGE_SIZE`` lines at a time, with its own page number in the address, so
that acting on one list keeps the other where it was. The heading still counts every
line; a page number out of range shows the nearest page (a list that shrank after an
action), never an error.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator

QUEUE_PAGE_SIZE = 50
PAGE_PARAMETERS = {"soumises": "page-soumises", "validees": "page-validees"}


@dataclass(frozen=True)
class SectionPage:
    """One list's lines on the page shown, and the addresses of its neighbours."""

    page: Page
    previous_query: str | None
    next_query: str | None

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @property
    def lines(self) -> list:
        return list(self.page.object_list)

    @property
    def first_line(self) -> int:
        return self.page.start_index()

    @property
    def last_line(self) -> int:
        return self.page.end_index()


def _query(filter_query: str, numbers: dict[str, int]) -> str:
    pages = urlencode(
        {PAGE_PARAMETERS[name]: number for name, number in numbers.items() if number > 1}
    )
    return "&".join(part for part in (filter_query, pages) if part)


def paged_sections(
    lines_by_section: dict[str, list], params, filter_query: str
) -> tuple[dict[str, SectionPage], str]:
    """Each list's page as the query string asks (``params``), and the query string that
    keeps the filter and both pages (for the forms and the selection links)."""
    pages = {
        name: Paginator(lines, QUEUE_PAGE_SIZE).get_page(params.get(PAGE_PARAMETERS[name]))
        for name, lines in lines_by_section.items()
    }
    numbers = {name: page.number for name, page in pages.items()}
    sections = {
        name: SectionPage(
            page=page,
            previous_query=_query(filter_query, numbers | {name: page.number - 1})
            if page.has_previous()
            else None,
            next_query=_query(filter_query, numbers | {name: page.number + 1})
            if page.has_next()
            else None,
        )
        for name, page in pages.items()
    }
    return sections, _query(filter_query, numbers)


def kept_pages_query(filter_query: str, params) -> str:
    """The filter and the pages the reader was on (``params``: a form's address), for
    the page shown after an action: the same pages, or their nearest if the lists
    shrank."""
    numbers = {}
    for name, parameter in PAGE_PARAMETERS.items():
        value = params.get(parameter, "")
        if value.isascii() and value.isdigit() and len(value) <= 6:
            numbers[name] = int(value)
    return _query(filter_query, numbers)
