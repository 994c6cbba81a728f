#!/usr/bin/env python
"""Django's command-line utility for ldaplan."""

import os
import sys
from pathlib import Path

from dotenv import load_dotenv


def main():
    # A developer's local settings (written by `make run`, never committed);
    # what the environment already says wins.
    load_dotenv(os.environ.get("LDAPLAN_ENV_FILE", Path(__file__).resolve().parent / ".env"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ldaplan.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
