"""When the database cannot be reached: a 503 with Retry-After, a styled
page the Content-Security-Policy allows, JSON on the API."""

import pytest
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db


def unreachable(execute, sql, params, many, context):
    raise OperationalError("connection to server failed: Connection refused")


@pytest.fixture
def outage_client(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("url", ["/", "/products/", "/search/?q=pain"])
def test_pages_answer_503_with_retry_after_while_the_database_is_down(
    outage_client, catalogue, url
):
    with connection.execute_wrapper(unreachable):
        response = outage_client.get(url)

    html = response.content.decode()
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "Briefly unavailable" in html
    assert 'rel="stylesheet"' in html
    assert "<style" not in html and "style=" not in html
    assert "style-src 'self'" in response["Content-Security-Policy"]


def test_the_api_answers_json_while_the_database_is_down(outage_client, catalogue):
    with connection.execute_wrapper(unreachable):
        response = outage_client.get("/api/v2/products/")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"message": "database unavailable"}
    assert response["Retry-After"]


def test_pages_answer_again_once_the_database_is_back(outage_client, catalogue):
    with connection.execute_wrapper(unreachable):
        outage_client.get("/products/")

    assert outage_client.get("/products/").status_code == 200


def test_the_outage_page_names_the_site_without_reading_the_database(
    outage_client, catalogue
):
    with connection.execute_wrapper(unreachable):
        html = outage_client.get("/products/").content.decode()
    assert "<title>Briefly unavailable · Mineral Ledger</title>" in html
