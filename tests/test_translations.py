"""French by default, English for whoever picks it; a complete and compiled English catalogue."""

import ast
import contextlib
import re
from datetime import date
from decimal import Decimal as D

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.rgaa import current_conformity
from indicators.bilan.export import export_bilan
from indicators.entry.forms import FrenchDecimalField, IndicatorYearForm
from indicators.models import Indicator

NBSP = "\u00a0"
CATALOGUE = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
SOURCES = ("ldaplan", "core", "measures", "indicators", "templates")


def read_catalogue(path) -> list[dict]:
    """The entries of a .po file: msgid, msgid_plural, msgstr(s) and flags (no header)."""
    entries, entry, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip() or line.startswith("#~"):
            if entry and entry.get("msgid"):
                entries.append(entry)
            entry, field = None, None
            continue
        entry = entry if entry is not None else {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if field.startswith("msgstr"):
                entry["msgstr"][field] += ast.literal_eval(line)
            else:
                entry[field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            if field.startswith("msgstr"):
                entry["msgstr"][field] = ast.literal_eval(value)
            else:
                entry[field] = ast.literal_eval(value)
    return entries


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page(client, url, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


# --- Choosing the language -------------------------------------------------------------


def test_french_is_the_default_even_when_the_browser_prefers_english(client, seed_plan):
    response = client.get(reverse("indicators:overview"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert ">Vue d'ensemble</a>" in html
    assert response["Content-Language"] == "fr"
    # The page depends on the language cookie, not on the browser's preference.
    assert "Cookie" in response["Vary"]
    assert "Accept-Language" not in response["Vary"]


def test_an_unknown_language_cookie_gives_french(client, seed_plan):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    assert '<html lang="fr">' in page(client, reverse("indicators:overview"))


@pytest.mark.parametrize(
    "url",
    [
        reverse("indicators:overview"),
        reverse("indicators:axis", args=[1]),
        reverse("indicators:measure", args=[9]),
        reverse("indicators:bilan", args=[2022]),
        reverse("login"),
        reverse("accessibility"),
    ],
)
def test_every_page_offers_the_other_language(client, seed_plan, url):
    html = page(client, url)
    switcher = re.search(r'<form class="language-switcher".*?</form>', html, re.S).group()
    assert f'action="{reverse("set_language")}"' in switcher
    assert '<button type="submit" name="language" value="en" lang="en"' in switcher
    assert ">English</button>" in switcher
    html = page(english(client), url)
    assert 'value="fr" lang="fr"' in html
    assert ">Français</button>" in html


def test_switching_language_sets_the_cookie_and_comes_back(seed_plan):
    # No CSRF token in the form: the public pages that carry it are cached whole.
    client = Client(enforce_csrf_checks=True)
    back = reverse("indicators:axis", args=[1]) + "?annee=2022"
    response = client.post(reverse("set_language"), {"language": "en", "next": back})
    assert response.status_code == 302
    assert response.url == back
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert '<html lang="en">' in page(client, back)
    client.post(reverse("set_language"), {"language": "fr", "next": back})
    assert '<html lang="fr">' in page(client, back)


def test_public_pages_hold_no_csrf_token(client, seed_plan):
    assert "csrfmiddlewaretoken" not in page(client, reverse("indicators:overview"))


# --- What an English page says ----------------------------------------------------------


def test_english_page_has_english_labels_and_english_figures(client, seed_plan):
    html = page(english(client), reverse("indicators:axis", args=[3]), QUERY_STRING="annee=2022")
    assert '<html lang="en">' in html
    assert ">Overview</a>" in html
    assert "Indicators in 2022" in html
    assert "Vue d'ensemble" not in html
    # 1 910 interviews: English grouping, the plan's own words stay French.
    assert "1,910" in html
    assert f"1{NBSP}910" not in html
    assert '"separators": ".,"' in html


def test_english_sentence_and_percent(client, seed_plan):
    html = page(english(client), reverse("indicators:axis", args=[1]), QUERY_STRING="annee=2022")
    # The unit is the plan's French word, marked so (RGAA 8.7).
    assert (
        f'8{NBSP}<span lang="fr">Pensions de Famille</span> out of a target of 17 by 2026, '
        "that is 47%; on track." in html
    )


def test_french_page_keeps_french_figures(client, seed_plan):
    html = page(client, reverse("indicators:axis", args=[3]), QUERY_STRING="annee=2022")
    assert f"1{NBSP}910" in html
    assert "Indicateurs en 2022" in html


def test_dates_follow_the_language(client, db):
    # The statement's date is the audit grid's newest check (docs/rgaa/grille.json).
    audit = current_conformity().audit_date
    assert audit == date(2026, 12, 3)
    assert "3 décembre 2026" in page(client, reverse("accessibility"))
    assert "3 December 2026" in page(english(client), reverse("accessibility"))


def test_numbers_are_typed_the_way_of_the_language():
    field = FrenchDecimalField()
    with translation.override("fr"):
        assert field.to_python("1 910") == D(1910)
        assert field.to_python("73,5") == D("73.5")
    with translation.override("en"):
        assert field.to_python("1,910") == D(1910)
        assert field.to_python("73.5") == D("73.5")


def test_bilan_files_stay_french_from_an_english_page(client, seed_plan):
    with translation.override("en"):
        exported = export_bilan(2022, "csv")
    assert exported.content.decode().startswith("Ambition de la Ville 2021-2026")


# --- The catalogue ------------------------------------------------------------------------


def test_every_message_has_an_english_translation():
    entries = read_catalogue(CATALOGUE)
    assert len(entries) > 400
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy


def test_catalogue_holds_every_message_of_the_code(tmp_path, settings):
    """A string added to the code or a template without its translation fails here.

    makemessages writes its catalogue where it runs: it runs on links to the
    sources in a temporary folder. To fix a failure: ``python manage.py
    makemessages -l en --add-location=file --ignore='.venv*' --ignore=node_modules
    --ignore=var --ignore=tests``, then translate the new entries.
    """
    for name in SOURCES:
        (tmp_path / name).symlink_to(settings.BASE_DIR / name)
    (tmp_path / "locale").mkdir()
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    with contextlib.chdir(tmp_path):
        call_command("makemessages", locale=["en"], symlinks=True, verbosity=0)
    extracted = read_catalogue(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po")
    known = {e["msgid"] for e in read_catalogue(CATALOGUE)}
    missing = sorted({e["msgid"] for e in extracted} - known)
    assert not missing, f"Messages absents de {CATALOGUE} : {missing}"


def test_compiled_catalogue_is_built_from_the_latest_translations():
    compiled = CATALOGUE.with_suffix(".mo")
    assert compiled.exists(), "Compilez les traductions : make messages"
    assert compiled.stat().st_mtime >= CATALOGUE.stat().st_mtime, (
        "Les traductions compilées sont plus anciennes que locale/en : make messages"
    )


def test_a_request_s_language_does_not_outlive_it(client, seed_plan):
    page(english(client), reverse("indicators:overview"))
    assert translation.get_language() == settings.LANGUAGE_CODE


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_date_field_shows_an_iso_date_in_every_language(language):
    form = IndicatorYearForm(
        initial={"result_as_of": date(2022, 12, 31)}, indicator=Indicator(pk=1), year=2022
    )
    with translation.override(language):
        html = str(form["result_as_of"])
    assert 'type="date"' in html
    assert 'value="2022-12-31"' in html
