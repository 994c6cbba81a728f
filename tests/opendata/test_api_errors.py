"""The API's refusals: declared in its OpenAPI document, in French, or in English for a
reader who picked English (the language cookie)."""

import pytest
from django.conf import settings

from indicators.opendata.api_errors import ErrorOut, ValidationErrorOut, field_error

pytestmark = pytest.mark.django_db

OPERATIONS = [
    "/api/axes",
    "/api/mesures",
    "/api/indicateurs",
    "/api/indicateurs/{indicator_id}",
    "/api/financements",
    "/api/partenaires",
    "/api/chiffres-par-arrondissement",
]


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def declared(client, path: str, status: int) -> str:
    """The name of the schema the document declares for this answer."""
    responses = client.get("/api/openapi.json").json()["paths"][path]["get"]["responses"]
    return responses[str(status)]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]


def test_every_operation_declares_its_errors(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert sorted(paths) == sorted(OPERATIONS)
    for path in OPERATIONS:
        assert set(paths[path]["get"]["responses"]) == {"200", "404", "422"}, path
        assert declared(client, path, 404) == "ErrorOut"
        assert declared(client, path, 422) == "ValidationErrorOut"


def test_an_unknown_indicator_is_a_french_404_of_the_declared_shape(client, seed_plan):
    response = client.get("/api/indicateurs/999999")
    assert response.status_code == 404
    assert response["Content-Language"] == "fr"
    assert response.json() == {"detail": "Aucun indicateur n'a l'identifiant 999999."}
    ErrorOut.model_validate(response.json())


def test_an_unknown_indicator_in_english(client, seed_plan):
    response = english(client).get("/api/indicateurs/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "No indicator has the id 999999."}


def test_no_plan_loaded_is_a_404_in_the_readers_language(client):
    response = client.get("/api/axes")
    assert response.status_code == 404
    assert response.json() == {"detail": "Aucun plan n'est chargé."}
    response = english(client).get("/api/indicateurs/1")
    assert response.status_code == 404
    assert response.json() == {"detail": "No plan is loaded."}


def test_a_repeated_pagination_parameter_is_a_french_422_naming_it(client, seed_plan):
    response = client.get("/api/axes?offset=null&offset=null")
    assert response.status_code == 422
    assert response["Content-Language"] == "fr"
    assert response.json() == {
        "detail": [
            {
                "type": "int_parsing",
                "loc": ["query", "offset"],
                "msg": "Paramètre « offset »\xa0: saisissez un nombre entier.",
            }
        ]
    }
    ValidationErrorOut.model_validate(response.json())


def test_the_same_422_in_english(client, seed_plan):
    response = english(client).get("/api/axes?offset=null&offset=null")
    assert response.status_code == 422
    assert response["Content-Language"] == "en"
    [error] = response.json()["detail"]
    assert error["msg"] == "Parameter “offset”: enter a whole number."


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "/api/axes?limit=0",
            "Paramètre « limit »\xa0: saisissez un nombre supérieur ou égal à 1.",
        ),
        ("/api/mesures?axe=deux", "Paramètre « axe »\xa0: saisissez un nombre entier."),
        ("/api/indicateurs?mesure=1.5", "Paramètre « mesure »\xa0: saisissez un nombre entier."),
        ("/api/indicateurs/abc", "Paramètre « indicator_id »\xa0: saisissez un nombre entier."),
        ("/api/axes?offset=" + "9" * 5000, "Paramètre « offset »\xa0: ce nombre est trop grand."),
    ],
)
def test_each_refused_parameter_is_named_in_french(client, seed_plan, url, message):
    response = client.get(url)
    assert response.status_code == 422
    assert [error["msg"] for error in response.json()["detail"]] == [message]


def test_an_error_pydantic_may_add_later_still_reads_in_french():
    unknown = field_error({"type": "string_too_long", "loc": ("query", "axe"), "msg": "Too long"})
    assert unknown["msg"] == "Paramètre « axe »\xa0: cette valeur n'est pas valide."
    no_context = field_error({"type": "greater_than_equal", "loc": ("query", "limit")})
    assert no_context["msg"] == "Paramètre « limit »\xa0: cette valeur n'est pas valide."


def test_a_limit_above_the_cap_is_refused_in_french(client, seed_plan):
    assert settings.NINJA_PAGINATION_MAX_LIMIT == 1000
    response = client.get("/api/indicateurs?limit=100000")
    assert response.status_code == 422
    assert [error["msg"] for error in response.json()["detail"]] == [
        "Paramètre « limit »\xa0: saisissez un nombre inférieur ou égal à 1000."
    ]
    assert client.get("/api/indicateurs?limit=1000").status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_method_other_than_get_is_a_french_405_of_the_declared_shape(client, seed_plan, method):
    response = getattr(client, method)("/api/indicateurs")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response["Content-Language"] == "fr"
    body = response.json()
    ErrorOut.model_validate(body)
    assert body["detail"] == (
        f"La méthode {method.upper()} n'est pas acceptée à cette adresse\xa0: l'API se lit "
        "seulement (méthodes acceptées\xa0: GET)."
    )


def test_the_405_in_english(client, seed_plan):
    response = english(client).post("/api/axes")
    assert response.status_code == 405
    assert response["Content-Language"] == "en"
    assert response.json()["detail"] == (
        "The POST method is not accepted at this address: the API is read-only "
        "(accepted methods: GET)."
    )


def test_a_405_outside_the_api_is_left_alone(client, seed_plan):
    # The logout view answers 405 to GET: an HTML page, not the API's JSON.
    response = client.get("/deconnexion/")
    assert response.status_code == 405
    assert not response["Content-Type"].startswith("application/json")
