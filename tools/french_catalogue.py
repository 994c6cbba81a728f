"""Fill ``locale/fr/LC_MESSAGES/django.po``: the interface's French, set the French way.

The product's strings are written in French, so they are their own msgids. This
catalogue maps each one to itself with two things a plain msgid cannot carry:

* French typography: a no-break space, never a breakable one, before « : »,
  « ; », « % », « ! », « ? » (``core.formatting.nbsp_before_punctuation``), so a
  colon never starts a line;
* French plural forms: with the catalogue, ``ngettext`` follows French (« 0
  élément », « 1 élément », « 2 éléments »); without it, the msgids follow the
  English rule.

Run by ``make catalogues`` after ``makemessages -l fr`` (see the README,
« Langues »); ``tests/test_french_catalogue.py`` fails when it is out of date.
"""

import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.formatting import nbsp_before_punctuation

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/fr/LC_MESSAGES/django.po"


def french_entry(entry: polib.POEntry) -> None:
    """Set ``entry``'s translation to its own French text, typeset."""
    if entry.msgid_plural:
        entry.msgstr_plural = {
            0: nbsp_before_punctuation(entry.msgid),
            1: nbsp_before_punctuation(entry.msgid_plural),
        }
    else:
        entry.msgstr = nbsp_before_punctuation(entry.msgid)
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = entry.previous_msgid_plural = None


def main(path: Path = CATALOGUE) -> int:
    catalogue = polib.pofile(str(path), wrapwidth=79)
    for entry in catalogue:
        french_entry(entry)
    # A fuzzy header is left out of the compiled file, and its plural rule with it.
    catalogue.metadata_is_fuzzy = False
    catalogue.header = "French strings set the French way, by tools/french_catalogue.py."
    catalogue.metadata["Project-Id-Version"] = "ldaplan"
    catalogue.metadata["Language"] = "fr"
    catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
    # Entries makemessages marked obsolete (#~) are strings the code no longer has.
    for entry in catalogue.obsolete_entries():
        catalogue.remove(entry)
    catalogue.save()
    print(f"{path}: {len(catalogue)} chaînes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
