from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from products.factories import ProductPageFactory, ProductVariantFactory

pytestmark = pytest.mark.django_db

KEYS = ["form", "format", "topic", "min_price", "max_price", "in_stock", "sort", "page"]
values = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["glycinate", "powder", "price", "on", "1e999", "0x10", "NaN"]),
)
query_strings = st.one_of(
    st.dictionaries(st.sampled_from(KEYS), values, max_size=len(KEYS)).map(urlencode),
    st.text(max_size=120),
)


@pytest.fixture
def stocked(catalogue, hubs):
    ProductVariantFactory(page=ProductPageFactory(parent=catalogue))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=query_strings)
def test_any_catalogue_query_string_answers_without_a_server_error(
    client, catalogue, stocked, query
):
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get(f"{catalogue.url}?{query}", headers=headers)

        assert response.status_code == 200
