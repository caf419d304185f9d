"""Spreadsheet exports that are safe to open and fit to file.

Safe: a CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is read as a formula by spreadsheet programs, so text typed
or imported by anyone could run in a reviewer's spreadsheet (CSV injection).
Such cells get a leading apostrophe, which spreadsheets read as "text".
XLSX cells cannot hold most control characters at all (openpyxl refuses
them and the export fails), so they are removed there.

Fit to file: the file name carries the day it was made; the CSV starts with
a UTF-8 byte-order mark, so spreadsheet programs read accented names
rightly; the XLSX sheet is named after the report, its columns are sized to
their contents and its header row stays in view.
"""

import codecs
import re

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from wagtail.admin.views.mixins import ExcelDateFormatter, SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MIN_WIDTH, MAX_WIDTH = 8, 60


def neutralise_formula(text):
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def column_width(texts):
    """Characters wide enough for the longest line of these cells, within
    bounds (long text wraps in the cell rather than widening the sheet)."""
    longest = max(
        (len(line) for text in texts for line in str(text or "").splitlines()),
        default=0,
    )
    return min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)


class SafeSpreadsheetExportMixin:
    """For views built on Wagtail's ``SpreadsheetExportMixin``."""

    #: The XLSX sheet's name; the view's title when not given.
    export_sheet_title = None

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if not isinstance(value, str):
            return value
        if export_format == SpreadsheetExportMixin.FORMAT_XLSX:
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        return neutralise_formula(value)

    def get_filename(self):
        return f"{super().get_filename()}-{timezone.localdate():%Y-%m-%d}"

    def get_sheet_title(self):
        title = str(self.export_sheet_title or self.get_page_title() or "Export")
        return SHEET_TITLE_FORBIDDEN.sub(" ", title)[:31]

    def stream_csv(self, queryset):
        yield codecs.BOM_UTF8
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def write_xlsx(self, queryset, output):
        workbook = Workbook(write_only=True, iso_dates=True)
        sheet = workbook.create_sheet(title=self.get_sheet_title())
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        rows = [self.to_row_dict(item) for item in queryset]
        for index, field in enumerate(self.list_export, 1):
            shown = [self.xlsx_text(field, row[field]) for row in rows]
            width = column_width([headings[index - 1], *shown])
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        sheet.append(self.heading_cells(sheet, headings))
        date_format = ExcelDateFormatter().get()
        for row in rows:
            sheet.append(self.generate_xlsx_row(sheet, row, date_format=date_format))
        workbook.save(output)

    def xlsx_text(self, field, value):
        return self.preprocess_field_value(field, value, self.FORMAT_XLSX)

    def heading_cells(self, sheet, headings):
        for heading in headings:
            cell = WriteOnlyCell(sheet, neutralise_formula(heading))
            cell.font = Font(bold=True)
            yield cell
