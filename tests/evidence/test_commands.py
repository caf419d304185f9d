import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evidence.factories import ClaimFactory, claim_with_sources
from evidence.models import StudyType

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_lint_claims_prints_one_json_line_per_wording(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_text(
        "Magnesium cures migraine.\n\nSupports normal muscle function.\n",
        encoding="utf-8",
    )

    lines = [json.loads(line) for line in run("lint_claims", str(copy)).splitlines()]

    assert [line["text"] for line in lines] == [
        "Magnesium cures migraine.",
        "Supports normal muscle function.",
    ]
    assert [f["code"] for f in lines[0]["findings"]] == ["disease-language"]
    assert "migraine" in lines[0]["findings"][0]["message"]
    # A structure/function wording is a benefit statement, not a disease claim.
    assert [f["code"] for f in lines[1]["findings"]] == ["benefit-statement"]


def test_lint_claims_reads_stdin_when_no_file_is_given(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("A natural analgesic.\n"))

    (line,) = run("lint_claims").splitlines()

    assert json.loads(line)["findings"][0]["severity"] == "warning"


def test_compliance_check_passes_when_no_live_item_has_an_error():
    claim_with_sources([StudyType.ANIMAL])  # a warning is not a failure
    ClaimFactory(live=False)  # a draft with no source is work in progress

    output = run("compliance_check")

    assert "weak-evidence" in output
    assert "Checked 2 item(s); 1 with errors." in output


def test_compliance_check_exits_1_when_a_live_claim_has_an_error():
    ClaimFactory(wording="Live without a source.")

    with pytest.raises(CommandError) as failure:
        run("compliance_check")

    assert failure.value.returncode == 1


def test_compliance_check_json_lists_each_item_with_its_findings():
    claim_with_sources([StudyType.RCT], wording="Supports normal muscle function.")

    (line,) = run("compliance_check", "--format", "json").splitlines()

    assert json.loads(line) == {
        "kind": "claim",
        "id": json.loads(line)["id"],
        "label": "Supports normal muscle function.",
        "live": True,
        "findings": [],
    }


def count_queries():
    with CaptureQueriesContext(connection) as queries:
        run("compliance_check", "--format", "json")
    return len(queries)


def test_compliance_check_query_count_does_not_grow_with_the_number_of_claims():
    for _ in range(5):
        claim_with_sources([StudyType.RCT, StudyType.ANIMAL, StudyType.OBSERVATIONAL])
    with_five = count_queries()

    for _ in range(25):
        claim_with_sources([StudyType.RCT, StudyType.ANIMAL, StudyType.OBSERVATIONAL])

    assert count_queries() == with_five
