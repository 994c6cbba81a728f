"""The last run's goals (bench/results/latest.json) as a Markdown table, for the README's
performance section: `python bench/table.py`."""

import json
import sys
from pathlib import Path

from goals import Goal

LATEST = Path(__file__).resolve().parent / "results" / "latest.json"


def main() -> int:
    summary = json.loads(LATEST.read_text())
    goals = [Goal(g["figure"], g["value"], g["limit"], g["at_least"]) for g in summary["goals"]]
    print(f"{sum(g.passed for g in goals)} objectifs tenus sur {len(goals)}.\n")
    print("| mesure | valeur | objectif | verdict |")
    print("|---|---|---|---|")
    for goal in goals:
        value = "non mesuré" if goal.value is None else f"{goal.value:g}"
        sign = "≥" if goal.at_least else "≤"
        verdict = "tenu" if goal.passed else "**manqué**"
        print(f"| {goal.figure} | {value} | {sign} {goal.limit:g} | {verdict} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
