"""Reading settings from the environment: booleans, lists, request rates (for settings.py)."""

import os
import re

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# A rate as django-ratelimit reads it: a count, "/", then an optional number and a
# unit (s, m, h, d): « 5/h », « 10/30m ». Checked at start-up, not at the first request.
RATE_PATTERN = re.compile(r"[1-9][0-9]*/([1-9][0-9]*)?[smhd]")


def env_rate(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip() or default
    if not RATE_PATTERN.fullmatch(value):
        raise ImproperlyConfigured(
            f"{name}: {value!r} is not a rate such as 5/h (a count, '/', then s, m, h or d, "
            "optionally after a number: 10/30m)."
        )
    return value


# An origin as frame-ancestors names it: scheme, host, optional port; no path.
ORIGIN_PATTERN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")


def env_origins(name: str) -> list[str]:
    origins = env_list(name, "")
    for origin in origins:
        if not ORIGIN_PATTERN.fullmatch(origin):
            raise ImproperlyConfigured(
                f"{name}: {origin!r} is not an origin such as https://www.paris.fr "
                "(scheme, host, optional port; no path)."
            )
    return origins


def env_whole_number(name: str, default: int, *, least: int, most: int) -> int:
    """A whole number from ``least`` to ``most``; stops the start-up on anything else."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or not least <= int(raw) <= most:
        raise ImproperlyConfigured(f"{name}: {raw!r} is not a whole number from {least} to {most}.")
    return int(raw)
