"""Spreadsheet exports that are safe to open.

A CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is read as a formula by spreadsheet programs, so text typed or
imported by anyone could run in a reviewer's spreadsheet (CSV injection).
Such cells get a leading apostrophe, which spreadsheets read as "text".
XLSX cells cannot hold most control characters at all (openpyxl refuses
them and the export fails), so they are removed there.
"""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text):
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class SafeSpreadsheetExportMixin:
    """For views built on Wagtail's ``SpreadsheetExportMixin``."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if not isinstance(value, str):
            return value
        if export_format == SpreadsheetExportMixin.FORMAT_XLSX:
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        return neutralise_formula(value)
