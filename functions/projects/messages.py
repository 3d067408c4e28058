"""Every Chinese word of the livelihood-project pages that does not sit in a template."""
from functions.notifications.code_names import RATING_NAMES

STATE_NAMES = {"collecting": "征集中", "voting": "票决中", "in_progress": "实施中",
               "evaluating": "测评中", "closed": "已结束"}
MOVE_NAMES = {"open-vote": "开始票决", "close-vote": "结束票决",
              "open-evaluation": "开始满意度测评", "close-evaluation": "结束满意度测评"}
SUPERVISOR_NAMES = {"leader": "一名县领导", "deputy_group": "一个代表小组", "office": "一个专门工委"}
PROPOSER_NAMES = {"deputy": "代表", "office": "人大办"}
NOTICES = {"round_created": "已新建年度民生实事", "candidate_added": "已添加候选项目",
           "shortlisted": "已确定票决候选项目", "moved": "已{move}", "assigned": "已交办牵头单位",
           "recounted": "已按选票重新计票", "progress_posted": "已报送{month}进展",
           "replied": "已答复代表意见"}
# The unit's project page: its form fields as the refusals name them.
FIELD_NAMES = {"month": "月份", "percent": "完成进度", "content": "进展情况",
               "reason": "进度回调原因"}
NOTICE_TEXTS = {
    "project_vote_open": "民生实事项目票决已开始，请投票", "project_evaluation_open":
    "民生实事满意度测评已开始", "project_vote_closing": "民生实事票决明天截止",
    "project_evaluation_closing": "民生实事测评明天截止", "project_progress_due":
    "请报送本月民生实事项目进展", "project_comment": "代表对民生实事项目提出意见"}
EXPORT_HEADER = ["项目", "牵头单位", "进度(%)", "测评轮次", "满意", "基本满意", "不满意",
                 "满意率", "需重新测评"]
LABELS = {"state": STATE_NAMES, "move": MOVE_NAMES, "supervisor": SUPERVISOR_NAMES,
          "proposer": PROPOSER_NAMES, "rating": RATING_NAMES}


def notice(name: str, **values) -> str:
    return NOTICES[name].format(**values)
