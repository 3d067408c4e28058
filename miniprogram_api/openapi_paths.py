"""Path items of the OpenAPI document, built with small helpers to stay readable."""


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def json_content(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


def errors(*statuses: int) -> dict:
    return {str(s): {"description": "error", "content": json_content(ref("Error"))}
            for s in statuses}


def operation(summary: str, ok: dict, *, status: int = 200, body: dict | None = None,
              auth: bool = True, error_statuses=(400, 401, 403, 404), params=()) -> dict:
    op = {"summary": summary,
          "responses": {str(status): {"description": "ok", "content": json_content(ok)},
                        **errors(*error_statuses)}}
    if body is not None:
        op["requestBody"] = {"required": True, "content": json_content(body)}
    if auth:
        op["security"] = [{"bearer": []}]
    if params:
        op["parameters"] = list(params)
    return op


PATHS = {
    "/api/v1/health": {"get": operation(
        "Is the service and its store up", ref("Health"), auth=False, error_statuses=(503,))},
    "/api/v1/openapi.json": {"get": operation(
        "This document", {"type": "object"}, auth=False, error_statuses=())},
}
