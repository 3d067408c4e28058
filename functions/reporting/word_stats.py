"""The most frequent words in a region's recent cases, cut by jieba.

jieba takes a second or more to import and load its dictionary, so it is imported only
inside `top_words`: the API Lambda never pays for it, only the nightly rollup does.
"""
import re
from collections import Counter

from functions.cases import repository as case_repository

RECENT_CASES = 500
TOP_WORDS = 30
_MEANINGFUL = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# Words that say nothing about what a case is about.
STOPWORDS = frozenset("""
我们 你们 他们 这个 那个 这里 那里 什么 怎么 没有 一个 可以 已经 还是 就是 但是 因为 所以
如果 希望 问题 情况 现在 时候 非常 比较 这样 那样 而且 或者 还有 自己 大家 一下 一些 进行
能够 需要 是否 是不是 不是 不能 不会 不要 没人 有人 一直 经常 每天 今天 昨天 明天 请问 谢谢
领导 相关 部门 有关 反映 建议 咨询 要求 解决 处理 出现 存在 目前 多次 了解 一样 这些 那些
""".split())


def recent_texts(region_id: str, limit: int = RECENT_CASES) -> list[str]:
    """The content of the region's newest `limit` cases (one Query, newest first)."""
    return case_repository.recent_contents(region_id, limit)


def top_words(texts: list[str], top: int = TOP_WORDS) -> list[dict]:
    """`[{"word", "count"}]`, most frequent first; one count per case a word appears in."""
    import jieba  # slow import: only the rollup job needs it
    jieba.setLogLevel(60)  # its start-up chatter is not our log
    counts: Counter = Counter()
    for text in texts:
        words = {w.strip() for w in jieba.lcut(text)}
        counts.update(w for w in words if len(w) >= 2 and w not in STOPWORDS
                      and _MEANINGFUL.search(w) and not w.isdigit())
    return [{"word": w, "count": c} for w, c in counts.most_common(top)]
