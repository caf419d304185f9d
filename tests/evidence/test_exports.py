"""Spreadsheet exports of sources and of the compliance report are safe to
open: no cell is read as a formula, and no control character breaks XLSX."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from evidence.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

SOURCES = reverse("wagtailsnippets_evidence_source:list")
REPORT = reverse("evidence_compliance_report")
FORMULAS = ["=HYPERLINK(1)", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def claim_wording(rows):
    """The wording cell of the compliance report's first row."""
    return rows[1][rows[0].index("Item")]


def xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [[cell.value for cell in row] for row in workbook.active.iter_rows()]


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_looking_source_text_is_exported_as_text_in_csv(admin_client, formula):
    SourceFactory(authors="", title=formula)

    rows = csv_rows(admin_client.get(SOURCES, {"export": "csv"}))

    citation = rows[1][0]
    assert citation.startswith("'")
    assert citation[1:].startswith(formula[:1])


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_looking_claims_are_exported_as_text_in_the_compliance_csv(
    admin_client, formula
):
    ClaimFactory(wording=f"{formula} relieves cramps.")

    rows = csv_rows(admin_client.get(REPORT, {"export": "csv"}))

    assert claim_wording(rows) == f"'{formula} relieves cramps."


def test_a_plain_cell_is_exported_unchanged(admin_client):
    ClaimFactory(wording="Magnesium relieves cramps.")

    rows = csv_rows(admin_client.get(REPORT, {"export": "csv"}))

    assert claim_wording(rows) == "Magnesium relieves cramps."


def test_a_control_character_in_a_source_title_does_not_break_the_xlsx_export(
    admin_client,
):
    SourceFactory(authors="Shin HJ", title="Magnesium\x0b and\x1f pain")

    response = admin_client.get(SOURCES, {"export": "xlsx"})

    assert response.status_code == 200
    assert "Shin HJ. Magnesium and pain." in xlsx_rows(response)[1][0]


def test_a_control_character_in_a_claim_does_not_break_the_compliance_xlsx(
    admin_client,
):
    ClaimFactory(wording="=Magnesium\x08 relieves cramps.")

    rows = xlsx_rows(admin_client.get(REPORT, {"export": "xlsx"}))

    assert claim_wording(rows) == "'=Magnesium relieves cramps."
