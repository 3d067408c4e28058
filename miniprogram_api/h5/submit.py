"""The H5 submit form: what it shows, and turning a posted form into one submission.

Each render carries a fresh Idempotency-Key in a hidden field, so a double tap or a
re-sent post returns the case the first one made, its photos stored once even while the
first post still runs (functions/cases/form_photos.py). Photos stored before a failed
submission ride along as hidden file ids, so nobody picks them again.
"""
from flask import request

from functions.shared import clock
from functions.cases import content_check, form_photos, submission
from functions.cases.photo_claims import PhotoExpired
from functions.cases.photo_day_claims import PhotoTaken
from functions.identity import users
from functions.identity.access import actor_id
from functions.shared.errors import (Conflict, PayloadTooLarge, RateLimited, ValidationFailed,
                                     is_key_in_use)
from functions.shared.validation import MAX_PHOTOS
from functions.shared.ids import new_id


def form_values(opened: dict, actor: dict | None) -> dict | None:
    """A blank form for a logged-in user (None: show the login box instead)."""
    if actor is None:
        return None
    user = users.get_user_item(actor["user_id"])
    return {"idempotency_key": new_id("h5"), "category": "", "type": "", "content": "",
            "contact_phone": (user.phone if user else None) or "", "public": False,
            "photo_ids": [], "errors": {}}


def submit_form(opened: dict, actor: dict) -> tuple[dict | None, dict | None]:
    """(case, None) once submitted; (None, {status, form}) to show the form again."""
    form = request.form
    values = {"idempotency_key": (form.get("idempotency_key") or "").strip()[:100],
              "category": form.get("category") or "", "type": form.get("type") or "",
              "content": form.get("content") or "",
              "contact_phone": (form.get("contact_phone") or "").strip(),
              "public": form.get("public") == "1",
              "photo_ids": [p for p in form.getlist("photo_ids") if p][:MAX_PHOTOS],
              "errors": {}}
    try:
        made = submission.case_of_key(actor=actor, idempotency_key=values["idempotency_key"])
        if made is None:
            submission.check_limits(actor=actor, idempotency_key=values["idempotency_key"],
                                    now=clock.now())
            _store_photos(values, actor)
        # A post sent again (a double tap, a browser's retry) brings its files again: the
        # first post stored them in its case; the text decides whether it is the same post.
        photos = values["photo_ids"] if made is None else list(made.get("photos") or [])
        body = {"entry_code": opened["entry_code"], "category": values["category"],
                "type": values["type"], "content": values["content"],
                "photos": photos, "contact_phone": values["contact_phone"] or None,
                "public": values["public"]}
        case, _created = submission.submit(
            actor=actor, idempotency_key=values["idempotency_key"], body=body,
            now=clock.now(), check_content=content_check.check)
    except PhotoTaken as exc:
        # Hidden ids of photos since attached elsewhere (another tab's form): drop them.
        values["photo_ids"] = [p for p in values["photo_ids"] if p not in exc.file_ids]
        values["errors"] = {"form": "photos_taken"}
        return None, {"status": exc.status, "form": values}
    except PhotoExpired as exc:
        # Hidden ids of a form kept open for days: their files may be gone, pick again.
        values["photo_ids"] = [p for p in values["photo_ids"] if p not in exc.file_ids]
        values["errors"] = {"form": "photos_expired"}
        return None, {"status": exc.status, "form": values}
    except Conflict as exc:
        if is_key_in_use(exc):  # its first post still runs: sent again, it gets that case
            values["errors"] = {"form": "in_flight"}
            return None, {"status": exc.status, "form": values}
        # This form was already used for another text (the back button): start afresh.
        values.update(idempotency_key=new_id("h5"), errors={"form": "conflict"})
        return None, {"status": 409, "form": values}
    except (ValidationFailed, PayloadTooLarge) as exc:
        values["errors"] = dict(exc.fields) or {"form": "invalid"}
        # A post that came without its key (a hand-made or broken form) is refused, and the
        # form comes back with a key of its own, or it could never be sent.
        values["idempotency_key"] = values["idempotency_key"] or new_id("h5")
        return None, {"status": exc.status, "form": values}
    except RateLimited as exc:  # too many cases, or (naming photos) photos uploaded today
        values["errors"] = {"form": "photo_allowance" if "photos" in exc.fields
                            else "rate_limited"}
        return None, {"status": exc.status, "form": values}
    return case, None


def _store_photos(values: dict, actor: dict) -> None:
    """Keep each chosen photo as the user's upload; ids go into `values` as they are made."""
    files = [f for f in request.files.getlist("photos") if f and f.filename]
    if len(files) + len(values["photo_ids"]) > MAX_PHOTOS:
        raise ValidationFailed("too many photos", {"photos": f"at most {MAX_PHOTOS}"})
    for file in files:
        data = file.read()
        if not data:
            continue
        try:  # the same form posted twice at once: the second gets the first's photo
            file_id = form_photos.store(owner_id=actor_id(actor), data=data, now=clock.now(),
                                        form_key=values["idempotency_key"] or None,
                                        filename=file.filename, content_type=file.mimetype)
        except (ValidationFailed, PayloadTooLarge, RateLimited) as exc:
            raise type(exc)(exc.message, {"photos": exc.fields.get("file", "invalid")}) \
                from None
        if file_id not in values["photo_ids"]:  # sent again after a refusal, or twice
            values["photo_ids"].append(file_id)
