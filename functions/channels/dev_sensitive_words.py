"""The words dev mode treats as risky in place of WeChat's content check (msg_sec_check v2).

Labels are WeChat's: 10001 advertising, 20001 politics, 20002 pornography, 20003 abuse,
20006 illegal or criminal, 21000 other. Dev only: the real check knows far more.
"""
RISKY_WORDS = {
    "代开发票": ("risky", 10001),
    "加微信领红包": ("risky", 10001),
    "色情": ("risky", 20002),
    "傻逼": ("risky", 20003),
    "赌博": ("risky", 20006),
    "枪支": ("risky", 20006),
    "测试敏感词": ("review", 21000),
}


def dev_check(content: str) -> dict:
    """What msg_sec_check would say, judged by the words above."""
    for word, (suggest, label) in RISKY_WORDS.items():
        if word in content:
            return {"risky": suggest == "risky", "label": label, "suggest": suggest}
    return {"risky": False, "label": 100, "suggest": "pass"}
