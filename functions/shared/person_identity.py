"""How a deputy's name and phone are written down before they are compared or stored.

The same person typed twice ("张 三", "+86 138-0000-0001", full-width "１３８…") must
compare equal, so both are normalised once, on the way in, and stored normalised.
"""
import re

# Full-width forms (Ｕ+FF01–FF5E) to their ASCII twins, the ideographic space to a space.
# Only these: a full NFKC would also expand ligatures and fractions (¼ → 1⁄4) and could
# push a name past its length limit after it was checked.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_SPACES = re.compile(r"\s+")
_CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
_SPACE_BY_CJK = re.compile(rf"(?<={_CJK}) | (?={_CJK})")
# Every dot people put between the parts of a minority name becomes the one interpunct.
_NAME_DOTS = str.maketrans({"・": "·", "•": "·", "‧": "·", "∙": "·", "．": "·", ".": "·"})
_PHONE_PUNCTUATION = re.compile(r"[\s\-‐‑‒–—―()（）.·]")
_COUNTRY_PREFIX = re.compile(r"^(?:\+86|0086|86)(?=1\d{10}$)")


def normal_name(name):
    """Full-width to plain, runs of spaces to one, no space beside a Chinese character."""
    if not isinstance(name, str):
        return name
    text = name.translate(_HALF_WIDTH).translate(_NAME_DOTS)
    text = _SPACES.sub(" ", text).strip()
    return _SPACE_BY_CJK.sub("", text)


def normal_phone(phone):
    """Digits only: full-width digits, spaces, dashes, brackets and +86 / 86 removed."""
    if not isinstance(phone, str):
        return phone
    text = _PHONE_PUNCTUATION.sub("", phone.translate(_HALF_WIDTH))
    return _COUNTRY_PREFIX.sub("", text)
