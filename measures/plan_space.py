"""Which plan a request is about: the one its address names, ``/plans/<slug>/…``.

Every page of the site also answers under ``/plans/<slug>/``, for that plan; the
addresses without the prefix keep answering for the current plan. The middleware
(``ldaplan.middleware.PlanSpaceMiddleware``) reads the prefix, activates the plan's
slug here for the request and makes the links the pages build stay under the same
prefix; ``Plan.objects.shown()`` reads it. A context variable, so that threads and
asynchronous tasks each see their own request's plan.
"""

import re
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.urls import get_script_prefix, set_script_prefix
from django.utils.text import slugify

PREFIX = "plans"
# The prefix of an address in a plan's space, and what follows it (at least « / »).
ADDRESS = re.compile(rf"^/{PREFIX}/(?P<slug>[-a-z0-9]+)(?P<rest>/.*)$")

_active_slug: ContextVar[str | None] = ContextVar("ldaplan_plan_slug", default=None)


def active_slug() -> str | None:
    """The slug of the plan the current request's address names; ``None`` at the
    addresses without prefix (the current plan) and outside requests."""
    return _active_slug.get()


def split_address(path_info: str) -> tuple[str, str] | None:
    """``("logement-d-abord-2021-2026", "/axes/3/")`` for an address of a plan's space."""
    match = ADDRESS.match(path_info)
    return (match["slug"], match["rest"]) if match else None


def default_slug(title: str, start_year: int, end_year: int) -> str:
    """« plan-parisien-pour-le-logement-d-abord-2021-2026 »: an apostrophe separates words."""
    words = slugify(title.replace("'", " ").replace("’", " "))[:60].strip("-")
    return f"{words or 'plan'}-{start_year}-{end_year}"


@contextmanager
def plan_addresses(slug: str | None):
    """Within the block, pages show the plan ``slug`` and the links built with ``reverse``
    or ``{% url %}`` lead into its space (``/plans/<slug>/…``): a page of that space, an
    edition or an export whose links must keep naming the same plan once another plan
    becomes current. ``None``: the addresses without prefix."""
    outer_prefix = get_script_prefix()
    base = _without_plan_prefix(outer_prefix)
    token = _active_slug.set(slug)
    set_script_prefix(f"{base}{PREFIX}/{slug}/" if slug else base)
    try:
        yield
    finally:
        _active_slug.reset(token)
        set_script_prefix(outer_prefix)


def address_of(slug: str, path: str = "") -> str:
    """The address of ``path`` (« axes/3/ ») in the space of plan ``slug``, whichever plan's
    space the current request is in: links between plans and the links an edition keeps."""
    return f"{_without_plan_prefix(get_script_prefix())}{PREFIX}/{slug}/{path}"


def site_root() -> str:
    """The site's home outside any plan's space: the current plan's overview."""
    return _without_plan_prefix(get_script_prefix())


def plan_list_address() -> str:
    """The page listing every plan, outside any plan's space."""
    return f"{_without_plan_prefix(get_script_prefix())}{PREFIX}/"


def _without_plan_prefix(prefix: str) -> str:
    """The site's own prefix (``SCRIPT_NAME``) without a plan's space already active."""
    match = re.search(rf"{PREFIX}/[-a-z0-9]+/$", prefix)
    return prefix[: match.start()] if match and _active_slug.get() else prefix


class PlanQuerySet(models.QuerySet):
    def shown(self):
        """The plan a page shows, first: the one its address names (``/plans/<slug>/…``,
        see ``measures.plan_space``), else the plan marked current, else the newest.

        Creating a successor never switches the site: only marking it current does.
        """
        slug = active_slug()
        if slug is not None:
            return self.filter(slug=slug)
        return self.order_by(models.F("is_current").desc(), "-start_year", "pk")
