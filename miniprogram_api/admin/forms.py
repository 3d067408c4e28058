"""A refused admin form comes back as it was typed, each problem named in Chinese."""
from flask import render_template, request

from functions.shared.errors import DomainError
from miniprogram_api.admin.messages import describe_error, field_problems

# Never echoed back into a page: secrets and the per-form token.
_NOT_KEPT = ("csrf_token", "password")


def typed() -> dict:
    """What the person typed, one value per field (lists for repeated fields)."""
    form = request.form
    return {k: (form.getlist(k) if len(form.getlist(k)) > 1 else form.get(k))
            for k in form if k not in _NOT_KEPT}


def rejected(template: str, exc: DomainError, names: dict | None = None, **values):
    """The page again with `kept` (the typed form), `problems` per field and an `alert`;
    `names` are this page's labels of fields where they differ from the usual ones."""
    return render_template(template, kept=typed(), problems=field_problems(exc.fields, names),
                           alert=describe_error(exc.code, exc.fields, names),
                           **values), exc.status
