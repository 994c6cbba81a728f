"""The API's error answers: declared in its OpenAPI document, said in the reader's language.

Two shapes, the ones django-ninja answers by default, now written down:

- ``ErrorOut``, ``{"detail": "..."}``: a 404 (no plan loaded, no such indicator);
- ``ValidationErrorOut``, ``{"detail": [{"type", "loc", "msg"}, ...]}``: a 422, one item
  per refused parameter (a path or query parameter, pagination's ``limit`` and
  ``offset`` included).

A method other than GET (django-ninja answers a bare English « Method not allowed ») gets
the same ``{"detail": "..."}`` shape, in the reader's language, from
``MethodNotAllowedMiddleware``.

The messages are French, or English for a reader who picked English with the language
cookie (``ldaplan.middleware``): pydantic's English sentences never reach the reader.
``install`` puts the handler on the API with django-ninja's ``exception_handler``.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, NinjaAPI, Schema
from ninja.errors import ValidationError


class ErrorOut(Schema):
    detail: str = Field(description="Ce qui n'a pas été trouvé, en une phrase.")


class FieldErrorOut(Schema):
    type: str = Field(description="Le genre d'erreur, tel que pydantic le nomme (int_parsing…).")
    loc: list[str | int] = Field(
        description="Où est la valeur refusée : « path » ou « query », puis le paramètre."
    )
    msg: str = Field(description="Ce qui ne va pas, en une phrase qui nomme le paramètre.")


class ValidationErrorOut(Schema):
    detail: list[FieldErrorOut]


# What an operation can answer besides its 200: add these to its `response=`.
ERRORS = {404: ErrorOut, 422: ValidationErrorOut}

_WHOLE_NUMBER = gettext_lazy("saisissez un nombre entier.")
# pydantic's error types that the API's parameters (all integers) can raise.
MESSAGES = {
    "int_parsing": _WHOLE_NUMBER,
    "int_type": _WHOLE_NUMBER,
    "int_from_float": _WHOLE_NUMBER,
    "int_parsing_size": gettext_lazy("ce nombre est trop grand."),
    "greater_than_equal": gettext_lazy("saisissez un nombre supérieur ou égal à %(ge)s."),
    "less_than_equal": gettext_lazy("saisissez un nombre inférieur ou égal à %(le)s."),
}
OTHER = gettext_lazy("cette valeur n'est pas valide.")


def field_error(error: dict) -> dict:
    """One of pydantic's errors, as the API says it: the parameter named, in French."""
    loc = [part for part in error.get("loc", ()) if isinstance(part, str | int)]
    message = MESSAGES.get(error.get("type"), OTHER)
    try:
        message = str(message) % error.get("ctx", {})
    except (KeyError, TypeError, ValueError):
        message = str(OTHER)
    field = loc[-1] if loc else "?"
    text = _("Paramètre « %(field)s » : %(message)s") % {"field": field, "message": message}
    return {"type": str(error.get("type", "")), "loc": loc, "msg": text}


def install(api: NinjaAPI) -> None:
    """Answer refused parameters with a declared, translated 422."""

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        body = ValidationErrorOut(detail=[field_error(error) for error in exc.errors])
        return api.create_response(request, body.model_dump(), status=422)


API_PREFIX = "/api/"


class MethodNotAllowedMiddleware:
    """The API's 405 said like its other refusals: ``{"detail": "..."}``, translated.

    django-ninja answers a method its path does not declare before any of the API's
    exception handlers run, so the answer is rewritten on its way out. The ``Allow``
    header stays. Placed after the language middleware, which sets the reader's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or not request.path.startswith(API_PREFIX):
            return response
        allowed = response.get("Allow", "GET")
        answer = JsonResponse(
            {
                "detail": _(
                    "La méthode %(method)s n'est pas acceptée à cette adresse : "
                    "l'API se lit seulement (méthodes acceptées : %(allowed)s)."
                )
                % {"method": request.method, "allowed": allowed}
            },
            status=405,
        )
        answer["Allow"] = allowed
        return answer
