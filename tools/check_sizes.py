"""Fail when a Python module or function grows past the sizes the project keeps to.

A module over ``max_module_lines`` or a function over ``max_function_lines``
(decorators and docstring included) is reported, unless ``pyproject.toml``'s
``[tool.ldaplan.sizes] allow`` lists it ("path" for a module, "path::name" for
a function). Migrations are generated and exempt.

Run by ``make lint``: ``python tools/check_sizes.py [paths...]``.
"""

import ast
import sys
import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {".venv", "node_modules", ".git", "var", "build", "__pycache__"}


def settings() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["tool"]["ldaplan"]["sizes"]


def python_files(paths: list[Path], exclude: list[str]):
    for base in paths:
        candidates = [base] if base.is_file() else sorted(base.rglob("*.py"))
        for path in candidates:
            relative = path.resolve().relative_to(ROOT).as_posix()
            if SKIPPED_DIRS & set(Path(relative).parts):
                continue
            if any(fnmatch(relative, pattern) for pattern in exclude):
                continue
            yield relative, path


def function_spans(tree: ast.AST):
    """(qualified name, first line, last line) of every function, methods as Class.name."""

    def visit(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    first = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                    yield name, first, child.end_lineno
                yield from visit(child, name + ".")
            else:
                yield from visit(child, prefix)

    yield from visit(tree, "")


def oversized(relative: str, source: str, limits: dict) -> list[str]:
    problems = []
    lines = len(source.splitlines())
    if lines > limits["max_module_lines"]:
        problems.append((relative, f"{relative}: {lines} lines (> {limits['max_module_lines']})"))
    for name, first, last in function_spans(ast.parse(source, relative)):
        length = last - first + 1
        if length > limits["max_function_lines"]:
            problems.append(
                (
                    f"{relative}::{name}",
                    f"{relative}:{first} {name}: {length} lines (> {limits['max_function_lines']})",
                )
            )
    return problems


def main(argv: list[str]) -> int:
    limits = settings()
    allowed = set(limits.get("allow", []))
    paths = [Path(arg) for arg in argv] or [ROOT]
    found, used = [], set()
    for relative, path in python_files(paths, limits.get("exclude", [])):
        for key, message in oversized(relative, path.read_text(encoding="utf-8"), limits):
            if key in allowed:
                used.add(key)
            else:
                found.append(message)
    for message in found:
        print(message)
    stale = sorted(allowed - used) if not argv else []
    for key in stale:
        print(f"{key}: listed in [tool.ldaplan.sizes] allow but within the limits: remove it")
    return 1 if found or stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
