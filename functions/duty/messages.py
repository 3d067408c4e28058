"""Chinese text of the duty capability: kind names and the titles of automatic records."""

KIND_NAMES = {"meeting": "出席会议", "inspection": "调研视察", "suggestion": "提出建议",
              "voter_contact": "联系选民", "group_activity": "小组活动"}
STATUS_NAMES = {"pending": "待审核", "verified": "已核实", "rejected": "已退回"}
SOURCE_NAMES = {"self": "代表填报", "office": "人大办录入", "case": "群众诉求",
                "suggestion": "代表建议", "activity": "活动签到"}
POINT_NAMES = {**KIND_NAMES, "suggestion": "提出建议（领衔）",
               "suggestion_cosigner": "提出建议（附议）"}
CASE_TITLES = {"reply": "答复群众诉求", "forward": "转交群众诉求"}
SUGGESTION_TITLE = "代表建议：{title}"
LEVEL_NAMES = {"national": "全国", "provincial": "省", "city": "市", "county": "县",
               "township": "乡镇"}
NOTICE_TEXT = {"duty_verified": "您的履职记录已核实", "duty_rejected": "您的履职记录被退回",
               "activity_published": "有新的履职活动可报名",
               "duty_pending": "有代表履职记录待审核"}
NOTICE_STATUS = {"duty_verified": "已核实", "duty_rejected": "已退回",
                 "activity_published": "可报名", "duty_pending": "待审核"}
PENDING_SUBJECT = "{count}条履职记录待审核"
FIELD_NAMES = {"kind": "类别", "title": "事项", "date": "日期", "place": "地点",
               "content": "内容", "photos": "照片", "deputy_id": "代表",
               "Idempotency-Key": "表单（请刷新页面）"}
