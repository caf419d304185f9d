"""Importing sources from BibTeX and RIS through the admin."""

import pytest
from django.urls import reverse

from evidence.factories import SourceFactory
from evidence.models import Source, StudyType
from evidence.views import MAX_PASTE_CHARS

pytestmark = pytest.mark.django_db

GOOD_BIBTEX = """
@article{shin2020,
  author = {Shin, Hyun-Jung and Na, Hyo-Seok and Do, Sang-Hwan},
  title = {Magnesium and {Pain}},
  journal = {Nutrients}, year = {2020}, volume = {12}, number = {8}, pages = {2184},
  doi = {https://doi.org/10.3390/NU12082184}
}
@article{albrecht2013,
  author = {Albrecht, E. and Kirkham, K. R. and Liu, S. S. and Brull, R.},
  title = {Peri-operative intravenous administration of magnesium sulphate and
           postoperative pain: a meta-analysis},
  journal = {Anaesthesia}, year = {2013}, volume = {68}, number = {1},
  pages = {79--90}, doi = {10.1111/j.1365-2044.2012.07335.x}
}
"""

GOOD_RIS = """TY  - JOUR
AU  - Yousef, A. A.
AU  - Al-deeb, A. E.
TI  - A double-blinded randomised controlled study of oral magnesium in back pain
T2  - Anaesthesia
PY  - 2013
VL  - 68
IS  - 3
SP  - 260
EP  - 266
DO  - 10.1111/anae.12107
ER  - 
"""


def post(client, text, study_type=StudyType.NARRATIVE_REVIEW):
    url = reverse("wagtailsnippets_evidence_source:import")
    return client.post(url, {"references": text, "study_type": study_type})


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_bibtex_entries_become_sources_with_ama_authors_and_study_types(
    editor_client,
):
    response = post(editor_client, GOOD_BIBTEX)

    assert "2 of 2 created" in response.content.decode()
    shin = Source.objects.get(doi="10.3390/nu12082184")
    assert shin.author_list == ["Shin HJ", "Na HS", "Do SH"]
    assert shin.title == "Magnesium and Pain"
    assert shin.study_type == StudyType.NARRATIVE_REVIEW
    albrecht = Source.objects.get(doi="10.1111/j.1365-2044.2012.07335.x")
    assert albrecht.study_type == StudyType.SYSTEMATIC_REVIEW
    assert albrecht.pages == "79-90"


def test_ris_entries_become_sources(editor_client):
    response = post(editor_client, GOOD_RIS)

    assert "1 of 1 created" in response.content.decode()
    source = Source.objects.get()
    assert source.doi == "10.1111/anae.12107"
    assert source.study_type == StudyType.RCT
    assert source.pages == "260-266"
    assert source.year == 2013


def test_a_duplicate_is_reported_with_the_existing_source_and_others_still_created(
    editor_client,
):
    existing = SourceFactory(doi="10.3390/nu12082184", title="Magnesium and Pain")

    response = post(editor_client, GOOD_BIBTEX)

    page = response.content.decode()
    assert "1 of 2 created" in page
    assert f"Already in the library as “{existing}”" in page
    assert Source.objects.count() == 2


def test_malformed_and_invalid_entries_are_reported_and_valid_ones_kept(
    editor_client,
):
    text = GOOD_BIBTEX + (
        "@article{bad, title = {No identifier at all}, year = {2020}}\n"
        "@article{broken, title = {Unclosed\n"
    )

    response = post(editor_client, text)

    page = response.content.decode()
    assert "2 of 4 created" in page
    assert "Give at least one of DOI, PMID or URL." in page
    assert "Not readable BibTeX" in page
    assert not Source.objects.filter(title="No identifier at all").exists()


def test_ris_without_a_complete_entry_is_reported(editor_client):
    response = post(editor_client, "TY  - JOUR\nTI  - Never closed\n")

    assert Source.objects.count() == 0
    assert "No RIS entries found." in response.content.decode()


def test_an_oversized_paste_is_refused_on_the_field(editor_client):
    response = post(editor_client, "x" * (MAX_PASTE_CHARS + 1))

    assert response.status_code == 200
    assert "too large" in response.content.decode()
    assert Source.objects.count() == 0


def test_reviewers_cannot_import(client, reviewer):
    client.force_login(reviewer)

    response = post(client, GOOD_RIS)

    assert response.status_code in (302, 403)
    assert Source.objects.count() == 0
