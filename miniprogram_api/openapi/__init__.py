"""The OpenAPI 3 document. A test keeps it and the Flask routes in agreement."""
from miniprogram_api.openapi.citizen_paths import CITIZEN_PATHS
from miniprogram_api.openapi.duty_paths import DUTY_PATHS
from miniprogram_api.openapi.paths import operation, ref
from miniprogram_api.openapi.projects_paths import PROJECT_PATHS
from miniprogram_api.openapi.schemas import SCHEMAS
from miniprogram_api.openapi.staff_paths import STAFF_PATHS
from miniprogram_api.openapi.suggestion_paths import SUGGESTION_PATHS, SUGGESTION_SCHEMAS

PATHS = {
    "/api/v1/health": {"get": operation(
        "Is the service and its store up", ref("Health"), auth=False, error_statuses=(503,))},
    "/api/v1/openapi.json": {"get": operation(
        "This document", {"type": "object"}, auth=False, error_statuses=(), store=False)},
    "/api/docs": {"get": {
        "summary": "This document, rendered for people (Swagger UI)", "security": [],
        "responses": {"200": {"description": "An HTML page",
                              "content": {"text/html": {"schema": {"type": "string"}}}}}}},
    **CITIZEN_PATHS, **STAFF_PATHS, **PROJECT_PATHS, **DUTY_PATHS,
    **SUGGESTION_PATHS,
}


def openapi_document() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {"title": "码上办 Mashangban API", "version": "1.0.0",
                 "description": "Citizen, deputy and staff API of the 码上办 liaison platform."},
        "servers": [{"url": "/"}],
        "paths": PATHS,
        "components": {
            "schemas": {**SCHEMAS, **SUGGESTION_SCHEMAS},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
