"""Importing sources from BibTeX and RIS through the admin."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.search.backends import get_search_backend

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


def test_a_paste_with_bad_entries_saves_nothing_and_reports_each_with_its_line(
    editor_client,
):
    text = GOOD_BIBTEX + (
        "@article{bad, title = {No identifier at all}, year = {2020}}\n"
        "@article{broken, title = {Unclosed\n"
    )

    response = post(editor_client, text)

    page = response.content.decode()
    assert "0 of 4 created" in page
    assert "Nothing was saved: 2 of the entries" in page
    assert "Give at least one of DOI, PMID or URL." in page
    assert "Not readable BibTeX" in page
    assert [r.line for r in response.context["results"]] == [2, 8, 15, 16]
    assert Source.objects.count() == 0


@pytest.mark.parametrize("year", ["2020a", "²⁰²⁰", "20", "MMXX"])
def test_an_odd_year_is_refused_with_a_reason_and_nothing_saved(editor_client, year):
    text = GOOD_BIBTEX + f"@article{{odd, title = {{Odd}}, year = {{{year}}}, "
    text += "doi = {10.5555/odd}}"

    page = post(editor_client, text).content.decode()

    assert f"“{year}” is not a year" in page
    assert Source.objects.count() == 0


@pytest.mark.parametrize(
    "identifier",
    [
        "pmid = {032708431}",
        "pmid = {３２７０８４３１}",
        "pmid = {PMID: 32708431}",
        "doi = {DOI: 10.3390/NU12082184}",
        "doi = {http://dx.doi.org/10.3390/nu12082184}",
    ],
)
def test_identifiers_are_normalised_so_a_work_already_in_the_library_is_not_added(
    editor_client, identifier
):
    existing = SourceFactory(doi="10.3390/nu12082184", pmid="32708431")

    response = post(editor_client, f"@article{{x, title = {{Again}}, {identifier}}}")

    assert f"Already in the library as “{existing}”" in response.content.decode()
    assert Source.objects.count() == 1


def test_a_new_pmid_is_stored_as_plain_digits(editor_client):
    post(editor_client, "@article{x, title = {New}, pmid = {００１２３}}")

    assert Source.objects.get().pmid == "123"


def test_an_entry_twice_in_one_paste_is_created_once(editor_client):
    entry = "@article{{{}, title = {{Same}}, doi = {{10.5555/same}}}}\n"

    response = post(editor_client, entry.format("a") + entry.format("b"))

    assert "Appears twice in this paste (first at line 1)" in (
        response.content.decode()
    )
    assert Source.objects.count() == 1


def test_control_characters_are_removed_from_imported_text(editor_client):
    post(
        editor_client,
        "@article{x, title = {Magnesium\x00 and\x07 pain\x1b}, doi = {10.5555/c\x0b}}",
    )

    source = Source.objects.get()
    assert source.title == "Magnesium and pain"
    assert source.doi == "10.5555/c"


def test_a_large_paste_is_saved_whole(editor_client):
    text = "".join(
        f"@article{{e{n}, title = {{Trial {n}}}, year = {{2020}}, "
        f"doi = {{10.5555/bulk.{n}}}}}\n"
        for n in range(900)
    )

    response = post(editor_client, text)

    assert "900 of 900 created" in response.content.decode()
    assert Source.objects.count() == 900
    # Imported sources are in the admin search, as ones added by hand are.
    assert get_search_backend().search("Trial 899", Source).count() >= 1


def test_ris_without_a_complete_entry_is_reported(editor_client):
    response = post(editor_client, "TY  - JOUR\nTI  - Never closed\n")

    assert Source.objects.count() == 0
    assert "No RIS entries found." in response.content.decode()


def test_an_oversized_paste_is_refused_on_the_field(editor_client):
    response = post(editor_client, "x" * (MAX_PASTE_CHARS + 1))

    assert response.status_code == 200
    assert "too large" in response.content.decode()
    assert Source.objects.count() == 0


def test_a_five_megabyte_paste_gets_a_form_error_not_a_bare_bad_request(
    editor_client,
):
    response = post(editor_client, "x" * (5 * 1024 * 1024))

    assert response.status_code == 200
    assert response.context["form"].errors["references"]
    assert Source.objects.count() == 0


def test_reviewers_cannot_import(client, reviewer):
    client.force_login(reviewer)

    response = post(client, GOOD_RIS)

    assert response.status_code in (302, 403)
    assert Source.objects.count() == 0


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's shared in-memory test database refuses a second writer "
    "at once ('table is locked'); production runs PostgreSQL",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_importing_the_same_dois_at_once_get_each_source_once(editor):
    # serialized_rollback restores the roles and the workflow from the
    # migrations, which an earlier transactional test may have flushed
    text = "".join(
        f"@article{{e{n}, title = {{Trial {n}}}, doi = {{10.5555/race.{n}}}}}\n"
        for n in range(200)
    )
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(editor)
    start = threading.Barrier(len(clients))
    statuses = []

    def import_at_once(client):
        start.wait()
        statuses.append(post(client, text).status_code)
        connection.close()

    threads = [threading.Thread(target=import_at_once, args=[c]) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200, 200]
    assert Source.objects.count() == 200
