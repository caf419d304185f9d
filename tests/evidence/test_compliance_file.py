"""The compliance export a compliance officer files: one row per claim and
per product page, with status, approver, approval date, acknowledgement,
id and kind; a dated file name; XLSX with a named sheet, sized columns and
a frozen header; CSV with a UTF-8 byte-order mark. Read back as a
spreadsheet program would, with openpyxl and csv."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from evidence.factories import (
    TEST_ACKNOWLEDGEMENT,
    DraftClaimFactory,
    SourceFactory,
    approved_claim,
)
from products.factories import ProductPageFactory, ProductVariantFactory, attach_claims

pytestmark = pytest.mark.django_db

REPORT = reverse("evidence_compliance_report")
HEADINGS = [
    "Type",
    "ID",
    "Claim kind",
    "Item",
    "Status",
    "Approved by",
    "Approved on",
    "Acknowledgement",
    "Review due",
    "State",
    "Evidence",
    "Sources or claims",
    "Findings",
]


@pytest.fixture
def compliance_file(catalogue):
    """An approved claim citing an author with accents, a draft claim and a
    live product page carrying the approved claim."""
    source = SourceFactory(authors="Müller ÄB\nGarcía-Núñez J", title="Magnesium")
    claim = approved_claim(
        sources=[source], wording="Magnesium supports normal muscle function."
    )
    draft = DraftClaimFactory(wording="Magnesium supports normal sleep.")
    product = ProductPageFactory(parent=catalogue, title="Glycinate capsules")
    ProductVariantFactory(page=product)
    attach_claims(product, [claim])
    return {"claim": claim, "draft": draft, "product": product}


def csv_export(client):
    response = client.get(REPORT, {"export": "csv"})
    body = b"".join(response.streaming_content)
    return response, body


def by_type_and_id(rows):
    header, *rows = rows
    return {(row[0], str(row[1])): dict(zip(header, row, strict=True)) for row in rows}


def test_the_csv_starts_with_a_byte_order_mark_and_keeps_accented_names(
    admin_client, compliance_file
):
    response, body = csv_export(admin_client)

    assert body.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = body.decode("utf-8-sig")
    assert "Müller ÄB, García-Núñez J." in text


def test_the_file_names_carry_the_day(admin_client, compliance_file):
    today = timezone.localdate().isoformat()

    csv_response, _ = csv_export(admin_client)
    xlsx_response = admin_client.get(REPORT, {"export": "xlsx"})

    assert (
        f'filename="compliance-report-{today}.csv"'
        in (csv_response["Content-Disposition"])
    )
    assert (
        f'filename="compliance-report-{today}.xlsx"'
        in (xlsx_response["Content-Disposition"])
    )


def test_one_row_per_claim_and_per_product_page_with_the_approval(
    admin_client, compliance_file
):
    _, body = csv_export(admin_client)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    claim, draft, product = compliance_file.values()

    assert rows[0] == HEADINGS
    found = by_type_and_id(rows)
    assert set(found) == {
        ("Claim", str(claim.pk)),
        ("Claim", str(draft.pk)),
        ("Product page", str(product.pk)),
        ("Brand or form", str(product.magnesium_form_id)),
    }
    approved = found["Claim", str(claim.pk)]
    assert approved["Claim kind"] == "US structure/function claim"
    assert approved["Status"] == "Live"
    assert approved["Approved by"] == "factory-reviewer"
    assert approved["Approved on"] == timezone.localdate().isoformat()
    assert approved["Acknowledgement"] == TEST_ACKNOWLEDGEMENT
    not_approved = found["Claim", str(draft.pk)]
    assert not_approved["Status"] == "Draft"
    assert not_approved["Approved by"] == not_approved["Approved on"] == ""
    page = found["Product page", str(product.pk)]
    assert page["Item"] == "Glycinate capsules"
    assert page["Status"] == "Live"
    assert page["Approved by"] == "factory-reviewer"
    assert page["Sources or claims"] == f"Claim {claim.pk}: {claim.wording}"
    form = found["Brand or form", str(product.magnesium_form_id)]
    assert form["Item"] == f"{product.magnesium_form.name} (magnesium form)"
    assert form["Status"] == "Live"
    assert form["Approved by"] == "factory-reviewer"


def test_the_xlsx_has_a_named_sheet_sized_columns_and_a_frozen_header(
    admin_client, compliance_file
):
    response = admin_client.get(REPORT, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    claim = compliance_file["claim"]

    assert sheet.title == "Compliance"
    assert sheet.freeze_panes == "A2"
    assert rows[0] == HEADINGS
    assert all(cell.font.bold for cell in sheet[1])
    assert len(rows) == 5  # headings, two claims, the product, its form
    wording = sheet.column_dimensions["D"].width
    assert wording == len(claim.wording) + 2
    assert sheet.column_dimensions["B"].width < wording
    approved = by_type_and_id(rows)["Claim", str(claim.pk)]
    assert approved["Approved on"] == timezone.localdate()
    assert approved["Acknowledgement"] == TEST_ACKNOWLEDGEMENT


def test_the_report_filters_rows_by_type_and_status(admin_client, compliance_file):
    pages = admin_client.get(REPORT, {"type": "product_page"})
    drafts = admin_client.get(REPORT, {"status": "draft"})

    assert [row.item for row in pages.context["object_list"]] == ["Glycinate capsules"]
    assert [row.item for row in drafts.context["object_list"]] == [
        "Magnesium supports normal sleep."
    ]


def test_each_report_row_links_to_its_review_screen(admin_client, compliance_file):
    page = admin_client.get(REPORT).content.decode()

    product = compliance_file["product"]
    assert reverse("evidence_review_page", args=[product.pk]) in page
    claim = compliance_file["claim"]
    assert reverse("evidence_review_claim", args=[claim.pk]) in page
