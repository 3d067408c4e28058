"""OpenAPI paths of the mini-program: citizens and deputies."""
from miniprogram_api.openapi.case_schemas import STATUS
from miniprogram_api.openapi.paths import (
    LIST_PARAMS, filter_param, json_content, operation, path_param, query_param, ref, text,
)

CASE = {"type": "object", "required": ["case"], "properties": {"case": ref("Case")}}
CASE_ID = path_param("case_id")
_ACTIONS = {
    "withdraw": ("Withdraw one's own case before the deputy accepts it", ref("NoteBody"), False),
    "rating": ("Rate the reply or answer; unsatisfied sends it back", ref("RatingBody"), True),
    "accept": ("The deputy accepts the case", ref("NoteBody"), False),
    "reply": ("The deputy answers directly", ref("ReplyBody"), True),
    "forward": ("The deputy passes the case to the office", ref("NoteBody"), False),
    "reject": ("Reject spam or out-of-scope with a reason", ref("ReasonBody"), True),
    "assign": ("The office assigns a lead unit and co-units", ref("AssignBody"), True),
    "urge": ("The office urges the unit holding the case (assigned or in progress; 409 otherwise)", ref("NoteBody"), False),
    "sign": ("The unit signs for the case", ref("NoteBody"), False),
    "progress": ("The unit posts progress", ref("ContentBody"), True),
    "answer": ("The lead unit gives its final answer; the office answers a forwarded case "
               "itself (403 on a case a unit holds). Unsatisfied with the office's answer "
               "sends the case back to the office", ref("ContentBody"), True),
    "return": ("The unit returns a wrongly assigned case", ref("ReasonBody"), True),
    "release": ("The office releases a case held by the content check to the deputy",
                ref("NoteBody"), False),
    "extension": ("The lead unit asks for more working days to answer, with a reason (one "
                  "request waits at a time: 409 while one does; assigned or in progress; "
                  "40 granted days in all per assignment, beyond that 400)",
                  ref("ExtensionBody"), True),
    "extension/decision": ("The office grants or refuses the waiting extension request; a "
                           "grant moves the answer deadline by the working days asked for "
                           "(409 when none waits)", ref("ExtensionDecisionBody"), True),
}
# Every move takes an optional Idempotency-Key: a retry with it adds no second timeline
# entry, notification or count, however late (the case moved on since).
_KEY = {"name": "Idempotency-Key", "in": "header", "required": False, "schema": text(100),
        "description": "Optional, 1–100 characters. The same key again (a network retry) "
        "returns the case as it is now, without doing the move twice, however late; the same "
        "key with another body or move is 409 conflict. Without a key each call is a new move."}


def _action_paths() -> dict:
    return {f"/api/v1/cases/{{case_id}}/{name}": {"post": operation(
        summary, CASE, body=body, body_required=required,
        params=[CASE_ID, _KEY],
        error_statuses=(400, 401, 403, 404, 409))}
        for name, (summary, body, required) in _ACTIONS.items()}


CITIZEN_PATHS = {
    "/api/v1/auth/wechat": {"post": operation(
        "Exchange a wx.login code for a token", ref("UserSession"), auth=False,
        body={"type": "object", "required": ["code"], "properties": {"code": text(128)}},
        error_statuses=(400, 401, 403, 429, 503))},
    "/api/v1/auth/phone": {"post": operation(
        "Verify the WeChat user's phone with the phone-number button's code (getPhoneNumber); "
        "the caller and the H5 phone login of that number become one person: cases from "
        "either door are listed, shown and rated in both. A linked caller gets its user back "
        "(the code is not used). 400: invalid or used code, not a mainland mobile; 403: not "
        "a WeChat user; 409: the number is linked to another WeChat account, or this account "
        "to another number; 429: 10 failed checks an hour, or WeChat's limit; 503: WeChat "
        "unavailable", {"type": "object", "required": ["user"], "properties": {
            "user": ref("User")}},
        body={"type": "object", "required": ["code"], "properties": {"code": text(128)}},
        error_statuses=(400, 401, 403, 409, 429, 503))},
    "/api/v1/entry/{entry_code}": {"get": operation(
        "What a scanned entry code opens", ref("Entry"), auth=False,
        params=[path_param("entry_code")], error_statuses=(404,))},
    "/api/v1/uploads": {"post": {**operation(
        "Upload one photo (jpeg/png/webp, at most 10 MB and 40 megapixels; 100 photos and "
        "300 MB a day per uploader). With an Idempotency-Key (send a fresh one per chosen "
        "photo) the same key again, on the day of the upload or the next, returns the same "
        "photo with 200, storing and counting nothing more, while its file is there, "
        "attached since or not (a file removed unattached after its day: the key makes a new "
        "upload); 409 if the key came with another file, or while a parallel request with it "
        "is still storing after a short wait (retry it). Without a key each call is a new "
        "photo", ref("Upload"), status=201,
        params=[{"name": "Idempotency-Key", "in": "header", "required": False,
                 "schema": text(100), "description": "Optional, 1–100 characters, per caller"}],
        also={"200": {"description": "the photo this key already uploaded",
                      "content": json_content(ref("Upload"))}},
        error_statuses=(400, 401, 409, 413, 429)), "requestBody": {"required": True, "content": {
            "multipart/form-data": {"schema": {"type": "object", "required": ["file"],
                                               "properties": {"file": {"type": "string",
                                                                       "format": "binary"}}}}}}}},
    "/api/v1/cases": {"post": operation(
        "Submit a case; the same Idempotency-Key returns the same case (409 if it was used "
        "for another request, or while a parallel request with it is still being handled "
        "after a short wait: retry it). A citizen submits at most 10 new cases an hour and "
        "30 a day (429)", CASE, status=201,
        body=ref("NewCase"), params=[{"name": "Idempotency-Key", "in": "header",
                                      "required": True, "schema": text(100)}],
        also={"200": {"description": "the case this key already created",
                      "content": json_content(CASE)}},
        error_statuses=(400, 401, 403, 404, 409, 429))},
    "/api/v1/cases/mine": {"get": operation(
        "The caller's own cases, newest first", ref("CaseList"), params=LIST_PARAMS,
        error_statuses=(400, 401, 403))},
    "/api/v1/cases/{case_id}": {"get": operation(
        "One case with its timeline", CASE, params=[CASE_ID])},
    **_action_paths(),
    "/api/v1/cases/{case_id}/publish": {"post": operation(
        "The office approves the public text of a case the citizen allowed to be public "
        "(pre-filled with the masked content; masked again on saving), or withdraws it "
        "(public false); only approved cases are in the public list", CASE,
        body=ref("PublishBody"), params=[CASE_ID], error_statuses=(400, 401, 403, 404, 409))},
    "/api/v1/subscriptions": {"post": operation(
        "Record a wx.requestSubscribeMessage result as credits (at most 3 templates, as one "
        "popup asks; at most 30 credits of a template, then 429)", ref("Credits"),
        body={"type": "object", "required": ["results"], "properties": {"results": {
            "type": "object", "maxProperties": 4, "additionalProperties": {
                "type": "string", "enum": ["accept", "reject", "ban", "filter"]}}}},
        error_statuses=(400, 401, 403, 429))},
    "/api/v1/public/cases": {"get": operation(
        "Published cases of a region, personal data masked", ref("PublicCaseList"), auth=False,
        params=[{**query_param("region_id", {"type": "string", "pattern": "\\S"}), "required": True},
                query_param("category"), *LIST_PARAMS],
        error_statuses=(400,))},
    "/api/v1/deputy/bind": {"post": operation(
        "Bind the WeChat user to a deputy with a one-time code (valid 30 days); the "
        "caller's token carries the deputy role at once. Wrong codes: 5 an hour per user, "
        "20 per address, then 429", ref("UserSession"),
        body={"type": "object", "required": ["bind_code"],
              "properties": {"bind_code": {"type": "string", "pattern": "^[A-Za-z0-9]{1,32}$"}}},
        error_statuses=(400, 401, 403, 404, 409, 429))},
    "/api/v1/deputy/inbox": {"get": operation(
        "The deputy's cases, newest first, with counts by status", ref("Inbox"),
        params=[filter_param("status", STATUS), *LIST_PARAMS], error_statuses=(400, 401, 403))},
}
