"""The OpenAPI 3 document. A test keeps it and the Flask routes in agreement."""
from miniprogram_api.openapi.paths import PATHS
from miniprogram_api.openapi.schemas import SCHEMAS


def openapi_document() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {"title": "码上办 Mashangban API", "version": "1.0.0",
                 "description": "Citizen, deputy and staff API of the 码上办 liaison platform."},
        "servers": [{"url": "/"}],
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
