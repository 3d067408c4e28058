"""H5 case pages: one's own cases (timeline, rating, withdrawal) and the public list."""
from flask import redirect, request, url_for

from functions.cases import lists as case_lists, handling
from functions.shared import clock
from functions.org.categories import DEFAULT_CATEGORIES
from functions.shared.errors import DomainError, ValidationFailed
from functions.shared.ids import new_id
from functions.org.regions import cached_region, categories_of, list_regions
from miniprogram_api.h5.base import bp, page
from miniprogram_api.h5.session import check_csrf, current_actor

PAGE_SIZE = 10


def _login_first():
    return redirect(url_for("h5.login", next=request.full_path.rstrip("?")), 303)


def _category_names(region_id: str | None = None) -> dict:
    """Category id → name; a region's own list when known, the defaults otherwise."""
    names = {c["id"]: c["name"] for c in DEFAULT_CATEGORIES}
    if region_id:
        names.update({c["id"]: c["name"] for c in categories_of(cached_region(region_id))})
    return names


@bp.get("/h5/mine")
def my_cases():
    """The logged-in citizen's own cases, newest first."""
    actor = current_actor()
    if actor is None:
        return _login_first()
    listed = case_lists.my_cases(actor=actor, limit=PAGE_SIZE,
                                 cursor=request.args.get("cursor"), now=clock.now())
    return page("mine.html", cases=listed, categories=_category_names())


def _case_page(case_id: str, actor: dict, status: int = 200, **values):
    case = handling.get_case(case_id=case_id, actor=actor, now=clock.now())
    # Each render's forms carry a fresh Idempotency-Key: a form sent twice moves once.
    return page("case.html", status, case=case, form_key=new_id("h5"),
                categories=_category_names(case["region_id"]), **values)


@bp.get("/h5/mine/<case_id>")
def my_case(case_id):
    """One of the citizen's cases with its whole timeline and what they may do now."""
    actor = current_actor()
    if actor is None:
        return _login_first()
    return _case_page(case_id, actor, new=request.args.get("new") == "1")


@bp.post("/h5/mine/<case_id>/rate")
def rate_case(case_id):
    """Rate the reply or answer: satisfied closes it, unsatisfied sends it back."""
    return _act(case_id, "rate", {"rating": request.form.get("rating") or None,
                                  "comment": request.form.get("comment") or None})


@bp.post("/h5/mine/<case_id>/withdraw")
def withdraw_case(case_id):
    """Withdraw a case nobody has taken up yet."""
    return _act(case_id, "withdraw", {})


def _act(case_id: str, action: str, body: dict):
    actor = current_actor()
    if actor is None:
        return _login_first()
    check_csrf()
    try:
        handling.act(case_id=case_id, action=action, actor=actor, now=clock.now(), body=body,
                     idempotency_key=(request.form.get("idempotency_key") or None))
    except ValidationFailed as exc:
        return _case_page(case_id, actor, 400, errors=exc.fields, rating_form=body)
    except DomainError as exc:
        if exc.status != 409:
            raise
        # Someone moved the case meanwhile: show where it stands now.
        return _case_page(case_id, actor, 409, errors={"form": exc.code})
    return redirect(url_for("h5.my_case", case_id=case_id, done=action), 303)


@bp.get("/h5/public")
def public_cases():
    """Published cases of a region, personal data masked, a page at a time."""
    region_id = (request.args.get("region_id") or "").strip()
    category = (request.args.get("category") or "").strip() or None
    if not region_id:  # a link without a region: let the reader choose one
        return page("public_regions.html", regions=list_regions())
    region = cached_region(region_id)
    categories = categories_of(region)
    if category and category not in {c["id"] for c in categories}:
        category = None
    listed = case_lists.public_cases(region_id=region_id, category=category,
                                     limit=PAGE_SIZE, cursor=request.args.get("cursor"))
    return page("public.html", region=region, categories=categories, category=category,
                cases=listed, category_names={c["id"]: c["name"] for c in categories})
