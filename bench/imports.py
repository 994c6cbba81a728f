"""The import of a filled collection workbook, timed for ``make bench`` (bench/run.py)."""

import time

IMPORT_ROWS = 1500


def _made_up_indicators(plan, count: int) -> None:
    """Enough indicators in the plan for a workbook of ``count`` rows: copies of one of
    measure 1, labelled made up (fictif)."""
    from indicators.models import Indicator

    existing = Indicator.objects.filter(report_row__ambition__axis__plan=plan).count()
    template = Indicator.objects.filter(
        report_row__ambition__axis__plan=plan, report_row__measure__number=1, unit="logements"
    ).first()
    row = template.report_row
    for number in range(count - existing):
        template.pk = None
        template.position = 100 + number
        template.label = f"Indicateur fictif {number + 1} (banc)"
        # Not on the overview: its cards are the plan's key indicators, not the bench's.
        template.is_headline = False
        template.save()
    assert Indicator.objects.filter(report_row__ambition__axis__plan=plan).count() >= count, row


def _first_rows_holding(plan, count: int) -> list:
    """The first rows, in the report's order, that hold ``count`` indicators: the same size
    of workbook whether the plan was made larger (grow_current_plan) or not."""
    from django.db.models import Count

    from measures.models import ReportRow

    rows = []
    for row in (
        ReportRow.objects.filter(ambition__axis__plan=plan)
        .select_related("measure")
        .annotate(indicator_count=Count("indicators"))
        .in_report_order()
    ):
        if sum(picked.indicator_count for picked in rows) >= count:
            break
        rows.append(row)
    return rows


def time_import(count: int = IMPORT_ROWS) -> dict:
    """Preview then confirmation of a whole-plan workbook whose ``count`` results all
    change (made-up values), as an administrator sends it."""
    import hashlib
    import io

    import openpyxl
    from django.contrib.auth import get_user_model
    from django.utils import translation

    from indicators.entry.collection import collection_workbook
    from indicators.entry.collection_files import write_xlsx
    from indicators.entry.workbook_import import confirm_import, preview_import
    from indicators.models import WorkbookImport, YearResult
    from indicators.plans import current_plan

    plan = current_plan()
    _made_up_indicators(plan, count)
    rows = _first_rows_holding(plan, count)
    with translation.override("fr"):
        content = write_xlsx(collection_workbook(plan, rows, 2022, "banc"))
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book["Indicateurs"]
    column = [cell.value for cell in sheet[1]].index("Résultat 2022")
    for number, row in enumerate(sheet.iter_rows(min_row=2), start=1):
        # Made up, from 1 to 99: a share's rule (0 to 100) holds as a count's does.
        row[column].value = number % 99 + 1
    filled = io.BytesIO()
    book.save(filled)
    user = get_user_model().objects.get(username="bench-admin")
    sent = WorkbookImport.objects.create(
        plan=plan,
        year=2022,
        uploaded_by=user,
        file_name="banc.xlsx",
        sha256=hashlib.sha256(filled.getvalue()).hexdigest(),
        content=filled.getvalue(),
    )
    drafts_before = YearResult.objects.filter(status="draft").count()
    start = time.perf_counter()
    preview = preview_import(sent, rows, user=user)
    previewed = time.perf_counter() - start
    start = time.perf_counter()
    confirm_import(sent, rows, user=user)
    confirmed = time.perf_counter() - start
    written = YearResult.objects.filter(status="draft").count() - drafts_before
    assert preview.problems == 0, [line.messages for line in preview.lines if line.messages][:3]
    assert written == preview.changed >= count - 50, (written, preview.changed)
    return {
        "rows": sheet.max_row - 1,
        "changed": preview.changed,
        "preview_s": round(previewed, 2),
        "confirm_s": round(confirmed, 2),
        "total_s": round(previewed + confirmed, 2),
    }
