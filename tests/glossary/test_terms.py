"""The glossary's terms as the migration seeds them: in the plan's texts, sourced or empty."""

import importlib
import json
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from core.backup import database_is_empty
from measures import glossary
from measures.models import GlossaryTerm

pytestmark = pytest.mark.django_db

SEED = importlib.import_module("measures.migrations.0005_glossaryterm")
COMPLETED = importlib.import_module("measures.migrations.0007_glossary_networks_and_second_call")
REPORT = settings.SEED_REPORT_PATH.read_text(encoding="utf-8")
PLAN_TEXTS = "\n".join(
    value
    for item in json.loads((settings.BASE_DIR / "fixtures" / "plan.json").read_text())
    for value in item["fields"].values()
    if isinstance(value, str)
)


def occurs(acronym: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text) is not None


def test_the_migration_seeds_every_term_of_its_list():
    seeded = {t.acronym: (t.expansion, t.definition, t.source) for t in GlossaryTerm.objects.all()}
    expected = {term[0]: tuple(term[1:]) for term in SEED.TERMS}
    # 0007 fills the three 0005 left empty, and only those.
    assert all(expected[term[0]] == ("", "", "") for term in COMPLETED.TERMS)
    expected.update({term[0]: tuple(term[1:]) for term in COMPLETED.TERMS})
    assert seeded == expected
    assert len(seeded) == 28


def test_the_brief_s_acronyms_are_all_there():
    for acronym in [
        "ARPP",
        "ASE",
        "ELIAHS",
        "CALEOL",
        "FJT",
        "PSA",
        "ESI",
        "CHU",
        "EPS",
        "AVDL",
        "ASLL",
        "SIAO",
        "DRIHL",
        "DAP",
        "PDALHPD",
        "PLAI",
        "DALO",
        "Dihal",
        "RIVP",
        "URHAJ",
        "UNAF0",
        "SEJM",
        "ESPEX",
        "AMI LDA",
    ]:
        assert GlossaryTerm.objects.filter(acronym=acronym, expansion__gt="").exists(), acronym


def test_every_term_occurs_in_the_plan_s_texts_and_in_the_report():
    for term in GlossaryTerm.objects.all():
        assert occurs(term.acronym, PLAN_TEXTS), term.acronym
        assert occurs(term.acronym, REPORT), term.acronym


def test_every_expansion_and_definition_has_a_source_and_nothing_is_made_up_without_one():
    for term in GlossaryTerm.objects.all():
        if term.expansion or term.definition:
            assert term.source, term.acronym
        else:
            # Nothing sure to say yet: left for an administrator, source included.
            assert term.source == "", term.acronym
    unsourced = set(GlossaryTerm.objects.filter(expansion="").values_list("acronym", flat=True))
    assert unsourced == set()


def test_the_report_s_networks_and_second_call_are_sourced_and_in_the_history():
    """Migration 0007: the three acronyms 0005 left empty, from public documentation."""
    expected = {
        "AFFIL": ("Association Francilienne pour Favoriser l'Insertion par le Logement", "DRIHL"),
        "AMI2-LDA": ("second Appel à Manifestation d'Intérêt Logement d'abord", "Outre-mer"),
        "AORIF": ("Association régionale des organismes Hlm d'Île-de-France", "AORIF"),
    }
    for acronym, (expansion, source) in expected.items():
        term = GlossaryTerm.objects.get(acronym=acronym)
        assert term.expansion.startswith(expansion), acronym
        assert source in term.source, acronym
        change = term.history.latest()
        assert change.history_change_reason.startswith("Forme développée sourcée"), acronym
        assert change.expansion == term.expansion


def test_expansions_said_to_come_from_the_report_are_its_own_words():
    from_report = GlossaryTerm.objects.filter(source__startswith="Rapport")
    assert from_report.count() == 14
    flat_report = " ".join(REPORT.split())
    # « l'Appel à Manifestation d'Intérêt (AMI LDA) […] mise en œuvre accéléré du Logement d'abord »
    assert "Appel à Manifestation d'Intérêt (AMI LDA)" in flat_report
    for term in from_report.exclude(acronym="AMI LDA"):
        # « Permanences Sociales d'Accueil (PSA) », « (ELIAHS – Équipes de Liaison… »
        assert term.expansion.lower() in flat_report.lower(), term.acronym


def test_terms_seeded_by_the_migration_leave_a_database_empty_for_a_restore():
    assert GlossaryTerm.objects.exists()
    assert database_is_empty()


def test_the_acronym_is_a_word_or_words(admin_client):
    for bad in ("", " ASE", "ASE ", "A<b>", "A_B", "-ASE"):
        with pytest.raises(ValidationError):
            GlossaryTerm(acronym=bad).full_clean()
    GlossaryTerm(acronym="AMI2-LDA é", expansion="x").full_clean(exclude=["acronym"])
    GlossaryTerm(acronym="NOUVEAU SIGLE-2").full_clean()


def test_anchor():
    assert GlossaryTerm(acronym="AMI LDA").anchor == "AMI-LDA"
    assert GlossaryTerm(acronym="ASE").anchor == "ASE"


def test_terms_are_read_once_then_kept(django_assert_num_queries):
    glossary.forget_abbreviations()
    with django_assert_num_queries(1):
        first = glossary.current_abbreviations()
    with django_assert_num_queries(0):
        assert glossary.current_abbreviations() is first


def test_a_change_to_a_term_is_read_again_at_once(django_capture_on_commit_callbacks):
    before = glossary.glossary_version()
    with django_capture_on_commit_callbacks(execute=True):
        GlossaryTerm.objects.filter(acronym="ASE").get().delete()
    assert "ASE" not in glossary.current_abbreviations().expansions
    # Other processes see a new version once the change is committed.
    assert glossary.glossary_version() != before


def test_another_process_s_change_is_seen_through_the_shared_version():
    kept = glossary.current_abbreviations()
    GlossaryTerm.objects.filter(acronym="ASE").update(expansion="changé ailleurs")
    assert glossary.current_abbreviations() is kept  # an update() sends no signal
    glossary.cache.set(glossary.GLOSSARY_VERSION_KEY, "un autre processus")
    try:
        assert glossary.current_abbreviations().expansions["ASE"] == "changé ailleurs"
    finally:
        glossary.cache.delete(glossary.GLOSSARY_VERSION_KEY)
        glossary.forget_abbreviations()


def test_terms_kept_too_long_are_read_again(monkeypatch, django_assert_num_queries):
    """Without a shared cache, another process's edit is seen once the terms age."""
    kept = glossary.current_abbreviations()
    monkeypatch.setattr(glossary, "MAX_AGE", 60)
    monkeypatch.setattr(glossary.time, "monotonic", lambda: glossary._loaded.read_at + 61)
    with django_assert_num_queries(1):
        assert glossary.current_abbreviations() is not kept
