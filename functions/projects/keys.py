"""Key builders of the livelihood-project items (the only place that spells them)."""
from functions.storage.keys import META  # noqa: F401 (the one sort key of single items)


def round_pk(round_id: str) -> str:
    return f"PROUND#{round_id}"


def candidate_sk(candidate_id: str) -> str:
    return f"CAND#{candidate_id}"


def ballot_sk(deputy_id: str) -> str:
    return f"BALLOT#{deputy_id}"


def evaluation_sk(evaluation_pass: int, deputy_id: str) -> str:
    return f"EVAL#{evaluation_pass}#{deputy_id}"


def project_pk(project_id: str) -> str:
    return f"PROJECT#{project_id}"


def comment_sk(comment_id: str) -> str:
    return f"PCOMMENT#{comment_id}"


def tally_pk(round_id: str) -> str:
    """Votes per candidate and the number of ballots: counters, added to atomically."""
    return f"PTALLY#{round_id}"


def rating_tally_pk(round_id: str, evaluation_pass: int) -> str:
    return f"PRATINGS#{round_id}#{evaluation_pass}"


# GSI partition values -------------------------------------------------------

def region_rounds_key(region_id: str) -> str:
    return f"REGION#{region_id}#PROUNDS"


def round_projects_key(round_id: str) -> str:
    return f"PROUND#{round_id}#PROJECTS"


def region_projects_key(region_id: str) -> str:
    return f"REGION#{region_id}#PROJECTS"


def project_comments_key(project_id: str) -> str:
    """A project's comments by time (`project_comments` sort key `<at>#<comment id>`)."""
    return f"PROJECT#{project_id}#COMMENTS"


def notice_pk(notice_id: str) -> str:
    return f"PNOTICE#{notice_id}"


NOTICES_DUE = "PNOTICES#DUE"  # project_notices_due: notices with something left to send, by next attempt
ROUNDS_CLOSING = "PROUNDS#CLOSING"  # rounds_closing: open votes / evaluations by planned close
PROJECTS_UNDER_WAY = "PPROJECTS#UNDER_WAY"  # projects_under_way: assigned projects (monthly reminder)
