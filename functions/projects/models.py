"""PynamoDB items of livelihood projects, in the one table (entity chart: docs/data-model.md).

Ballots and evaluations carry a version: one conditional write per change, so the
counter deltas computed from the replaced item are applied exactly once (tallies.py).
"""
from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute, \
    VersionAttribute

from functions.storage.models import BaseItem
from functions.storage.plain_attributes import PlainListAttribute, PlainMapAttribute


class ProjectRoundItem(BaseItem, discriminator="project_round"):
    round_id = UnicodeAttribute()
    region_id = UnicodeAttribute()
    year = NumberAttribute()
    title = UnicodeAttribute()
    max_choices = NumberAttribute()
    state = UnicodeAttribute()  # collecting | voting | in_progress | evaluating | closed
    shortlist = PlainListAttribute(null=True)  # candidate ids, in the office's order
    eligible = NumberAttribute(null=True)  # active deputies when voting opened
    # Their ids: the roll of this vote, fixed at opening (never shown to anyone).
    electorate = PlainListAttribute(null=True)
    results = PlainMapAttribute(null=True)  # candidate id → votes, once voting closed
    selected = PlainListAttribute(null=True)  # candidate ids that became projects
    evaluation_pass = NumberAttribute(default=0)  # 1, then 2 for the re-evaluation
    evaluation_projects = PlainListAttribute(null=True)  # project ids rated in this pass
    evaluated = PlainListAttribute(null=True)  # passes whose results are written
    closes_at = UnicodeAttribute(null=True)  # planned end of the open vote / evaluation
    created_by = UnicodeAttribute()
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    timeline = PlainListAttribute(null=True)  # [{at, action, state}]
    version = VersionAttribute()


class CandidateItem(BaseItem, discriminator="project_candidate"):
    candidate_id = UnicodeAttribute()
    round_id = UnicodeAttribute()
    title = UnicodeAttribute()
    description = UnicodeAttribute()
    proposed_by = UnicodeAttribute()  # deputy | office
    proposer_key = UnicodeAttribute()  # who and which Idempotency-Key: retries match
    created_at = UnicodeAttribute()


class BallotItem(BaseItem, discriminator="project_ballot"):
    """One deputy's ballot. Never leaves the server: only the tallies do."""
    round_id = UnicodeAttribute()
    choices = PlainListAttribute()
    cast_at = UnicodeAttribute()
    version = VersionAttribute()


class EvaluationItem(BaseItem, discriminator="project_evaluation"):
    """One deputy's ratings in one evaluation pass: project id → rating."""
    round_id = UnicodeAttribute()
    evaluation_pass = NumberAttribute()
    ratings = PlainMapAttribute()
    rated_at = UnicodeAttribute()
    version = VersionAttribute()


class ProjectItem(BaseItem, discriminator="project"):
    project_id = UnicodeAttribute()
    round_id = UnicodeAttribute()
    region_id = UnicodeAttribute()
    year = NumberAttribute()
    candidate_id = UnicodeAttribute()
    title = UnicodeAttribute()
    description = UnicodeAttribute()
    votes = NumberAttribute(default=0)
    unit_id = UnicodeAttribute(null=True)
    unit_name = UnicodeAttribute(null=True)
    supervisors = PlainMapAttribute(null=True)  # {leader, deputy_group, office}
    progress = PlainListAttribute(null=True)  # [{month, percent, content, photos, reason?, at}]
    percent = NumberAttribute(default=0)
    satisfaction_rate = NumberAttribute(null=True)
    needs_re_evaluation = BooleanAttribute(default=False)
    evaluations = PlainListAttribute(null=True)  # [{pass, rate, ratings: {rating: n}}]
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class ProjectCommentItem(BaseItem, discriminator="project_comment"):
    comment_id = UnicodeAttribute()
    project_id = UnicodeAttribute()
    deputy_id = UnicodeAttribute()
    deputy_name = UnicodeAttribute()
    content = UnicodeAttribute()
    created_at = UnicodeAttribute()
    reply = PlainMapAttribute(null=True)  # {content, at, unit_name}


class ProjectNoticeItem(BaseItem, discriminator="project_notice"):
    """A notification owed to a round's deputies or a project's lead unit (notices.py).
    While something is left to send it is in the sparse `project_notices_due` index."""
    notice_id = UnicodeAttribute()
    region_id = UnicodeAttribute()
    event = UnicodeAttribute()
    audience = PlainMapAttribute()  # {"deputies": region_id} or {"unit": unit_id}
    subject = PlainMapAttribute()  # {"id", "title", "page"}: what the message is about
    done = PlainListAttribute(null=True)  # recipient keys finished
    attempts = NumberAttribute(default=0)
    claimed_at = UnicodeAttribute(null=True)
    in_flight = UnicodeAttribute(null=True)  # the recipient whose send is under way
    created_at = UnicodeAttribute()
    version = VersionAttribute()


PROJECT_MODELS = (ProjectRoundItem, CandidateItem, BallotItem, EvaluationItem, ProjectItem,
                  ProjectCommentItem, ProjectNoticeItem)
