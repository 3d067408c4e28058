"""Helpers that build the OpenAPI path items (the document itself is the package's __init__)."""


# Not blank as the API judges it (Python's str.strip): besides what a JSON Schema regex calls
# white space, the separators U+001C-U+001F and U+0085 are blank too.
NOT_BLANK = "[^\\s\\u001c-\\u001f\\u0085]"


def text(max_length: int) -> dict:
    """A required text field: not blank, at most `max_length` characters (as the API checks)."""
    return {"type": "string", "minLength": 1, "maxLength": max_length, "pattern": NOT_BLANK}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def json_content(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


UNAVAILABLE = ("unavailable: the store or the photo storage (S3) failing for the moment "
               "(5xx, throttling, a timeout, unreachable); nothing was done that shows, "
               "so the same request may be sent again (with its Idempotency-Key, if any)")


def errors(*statuses: int) -> dict:
    return {str(s): {"description": UNAVAILABLE if s == 503 else "error",
                     "content": json_content(ref("Error"))} for s in statuses}


def path_param(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


def query_param(name: str, schema: dict | None = None) -> dict:
    return {"name": name, "in": "query", "required": False,
            "schema": schema or {"type": "string"}}


def filter_param(name: str, schema: dict) -> dict:
    """An optional parameter; sent empty (`?status=`, as an HTML form does) it counts as
    not sent: no filter, the default page size, the first page."""
    return {**query_param(name, schema), "allowEmptyValue": True}


LIST_PARAMS = (filter_param("limit", {"type": "integer", "minimum": 1, "maximum": 100}),
               filter_param("cursor", {"type": "string"}))


def operation(summary: str, ok: dict, *, status: int = 200, body: dict | None = None,
              auth: bool = True, error_statuses=(400, 401, 403, 404), params=(),
              body_required: bool = True, also: dict | None = None,
              content_type: str = "application/json", store: bool = True) -> dict:
    """`store`: the route calls the store (or S3), so it may answer 503 `unavailable`."""
    responses = {str(status): {"description": "ok", "content": {content_type: {"schema": ok}}}}
    responses.update(also or {})
    responses.update(errors(*sorted({*error_statuses, *((503,) if store else ())})))
    op = {"summary": summary, "responses": responses}
    if body is not None:
        op["requestBody"] = {"required": body_required, "content": json_content(body)}
    if auth:
        op["security"] = [{"bearer": []}]
    if params:
        op["parameters"] = list(params)
    return op

