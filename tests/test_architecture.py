"""The README's map of the code matches the tree, and the layers hold.

The import contracts themselves run in ``make lint`` (lint-imports); these
tests keep the prose honest: every file or folder the README names exists, and
every feature folder of ``indicators`` is named in its architecture section.
"""

import re

from django.conf import settings

ROOT = settings.BASE_DIR
README = (ROOT / "README.md").read_text(encoding="utf-8")
CODE_SPAN = re.compile(r"`([^`\s]+)`")
# What looks like a path of the repository: a known top folder, then more.
TOP_FOLDERS = (
    "ldaplan", "core", "measures", "indicators", "templates", "static", "fixtures",
    "tests", "bench", "tools", "locale",
)  # fmt: skip
GENERATED = ("var/", "node_modules/", ".venv", "bench/results/")


def named_paths(text: str) -> set[str]:
    paths = set()
    for span in CODE_SPAN.findall(text):
        if "<" in span or "*" in span or span.startswith(GENERATED):
            continue
        if span.split("/", 1)[0] in TOP_FOLDERS and "/" in span:
            paths.add(span.rstrip("/").split("::")[0])
    return paths


def architecture_section() -> str:
    start = README.index("## Architecture")
    end = README.find("\n## ", start + 1)
    return README[start:] if end == -1 else README[start:end]


def test_every_path_the_readme_names_exists():
    missing = sorted(path for path in named_paths(README) if not (ROOT / path).exists())
    assert not missing, f"README names paths that do not exist: {missing}"


def test_the_architecture_section_names_every_package_and_feature_folder():
    section = architecture_section()
    packages = [p.parent for p in ROOT.glob("*/__init__.py")] + [
        p.parent for p in (ROOT / "indicators").glob("*/__init__.py")
    ]
    skipped = {"migrations", "management", "templatetags", "tests"}
    folders = sorted(p.relative_to(ROOT).as_posix() for p in packages if p.name not in skipped)
    assert "indicators/dashboard" in folders  # the glob found the features
    unnamed = [folder for folder in folders if f"`{folder}/`" not in section]
    assert not unnamed, f"folders missing from the README's architecture section: {unnamed}"


def test_every_image_the_readme_shows_exists():
    """The guide's screenshots (made by tests/e2e/test_second_year.py) are in the repository."""
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert "docs/guide/saisie-accueil.png" in images
    missing = sorted(image for image in images if not (ROOT / image).is_file())
    assert not missing, f"README shows images that do not exist: {missing}"
