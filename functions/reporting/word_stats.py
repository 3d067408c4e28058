"""The most frequent words in a region's recent cases, cut by jieba.

jieba takes a second or more to import and load its dictionary, so it is imported only
inside `top_words`: the API Lambda never pays for it, only the nightly rollup does.
"""
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from functions.cases import repository as case_repository

RECENT_CASES = 500
TOP_WORDS = 30
_MEANINGFUL = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# A number and its measure word ("三个", "两次", "10天") says how much, not what.
_COUNTING = re.compile(r"^[\d零一二两三四五六七八九十百千万几半多]+[个次天年月日号件位名条点岁周回遍家户间]?$")
STOPWORDS_FILE = Path(__file__).with_name("stopwords_zh.txt")


@lru_cache(maxsize=1)
def stopwords() -> frozenset:
    """Words that say nothing about what a case is about (stopwords_zh.txt)."""
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


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
        counts.update(w for w in words if len(w) >= 2 and w not in stopwords()
                      and _MEANINGFUL.search(w) and not _COUNTING.match(w))
    return [{"word": w, "count": c} for w, c in counts.most_common(top)]
