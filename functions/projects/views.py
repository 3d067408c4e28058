"""Plain views of project items for the API. No view carries a ballot or its choices."""


def round_view(item) -> dict:
    return {"id": item.round_id, "region_id": item.region_id, "year": int(item.year),
            "title": item.title, "max_choices": int(item.max_choices), "state": item.state,
            "shortlist": list(item.shortlist or []),
            "eligible": int(item.eligible) if item.eligible is not None else None,
            "selected": list(item.selected or []),
            "evaluation_pass": int(item.evaluation_pass or 0),
            "evaluation_projects": list(item.evaluation_projects or []),
            "closes_at": item.closes_at, "created_at": item.created_at, "updated_at": item.updated_at}


def candidate_view(item, round_item) -> dict:
    view = {"id": item.candidate_id, "round_id": item.round_id, "title": item.title,
            "description": item.description, "proposed_by": item.proposed_by,
            "shortlisted": item.candidate_id in (round_item.shortlist or []),
            "created_at": item.created_at}
    if round_item.results is not None:  # counts only, and only once voting closed
        view["votes"] = int(round_item.results.get(item.candidate_id, 0))
        view["selected"] = item.candidate_id in (round_item.selected or [])
    return view


def project_view(item) -> dict:
    return {"id": item.project_id, "round_id": item.round_id, "region_id": item.region_id,
            "year": int(item.year), "candidate_id": item.candidate_id, "title": item.title,
            "description": item.description, "votes": int(item.votes or 0),
            "unit": {"id": item.unit_id, "name": item.unit_name} if item.unit_id else None,
            "supervisors": item.supervisors, "percent": int(item.percent or 0),
            "progress": [{k: v for k, v in e.items() if k != "uploader"}  # a staff login
                         for e in item.progress or []],
            "satisfaction_rate": float(item.satisfaction_rate)
            if item.satisfaction_rate is not None else None,
            "needs_re_evaluation": bool(item.needs_re_evaluation),
            "evaluations": list(item.evaluations or []),
            "created_at": item.created_at, "updated_at": item.updated_at}


def comment_view(item) -> dict:
    return {"id": item.comment_id, "project_id": item.project_id,
            "deputy_name": item.deputy_name, "content": item.content,
            "created_at": item.created_at, "reply": item.reply}


def turnout_view(round_item, figures: dict) -> dict:
    ballots, eligible = int(figures.get("ballots", 0)), int(round_item.eligible or 0)
    return {"round_id": round_item.round_id, "state": round_item.state, "eligible": eligible,
            "ballots": ballots, "rate": round(ballots / eligible, 4) if eligible else None}
