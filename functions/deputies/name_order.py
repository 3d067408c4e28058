"""Sort keys that put Chinese names in pinyin order (李 before 张, 李安 before 连)."""
from functions.shared.person_identity import normal_name

# A surname read otherwise than the character's everyday reading (曾 is zēng, not céng).
SURNAME_READINGS = {"曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "朴": "piao",
                    "查": "zha", "区": "ou", "盖": "ge", "乐": "yue", "覃": "qin",
                    "缪": "miao", "翟": "zhai", "尉": "yu", "繁": "po", "黑": "he",
                    "召": "shao", "员": "yun", "秘": "bi", "能": "nai", "种": "chong"}


def _reading(ch: str) -> str:
    from pypinyin import lazy_pinyin  # loads a large dictionary: only when a name is written
    return lazy_pinyin(ch)[0].lower() if ch.strip() else ""


def pinyin_key(text: str) -> str:
    """Lower-case pinyin of each character, in order, the first read as a surname.

    Each character is looked up alone, so the key of a name's first characters is
    always the start of the name's key: a prefix search stays a prefix search.
    """
    text = normal_name(text or "")
    if not text:
        return ""
    first = SURNAME_READINGS.get(text[0]) or _reading(text[0])
    return first + "".join(_reading(ch) for ch in text[1:])


def deputy_sort_key(name: str, deputy_id: str) -> str:
    """`<pinyin>#<name>#<id>`: pinyin order, same-sounding names by character, then id."""
    return f"{pinyin_key(name)}#{name}#{deputy_id}"
