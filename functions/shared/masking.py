"""How personal data is masked for the public (product.md, step 7).

Free text is searched for the numbers and addresses people write into it: resident ID
numbers (18 characters, the last may be X), mobile numbers however written (+86 / 86 /
0086 prefix, spaces, dashes, dots, full-width digits), landlines with an area code, bank
card numbers (16–19 digits, grouped or not) and e-mail addresses. Names and home
addresses cannot be found reliably: the office approves each public text
(functions/publication.py).
"""
import re

# Full-width digits and signs are read as their ASCII forms before matching.
_WIDE = str.maketrans("０１２３４５６７８９＋－（）．　", "0123456789+-(). ")
_SEP = r"[ \-.]?"
_RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])"
                          r"(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])")
_BANK_CARD = re.compile(r"(?<!\d)(?:\d{4}[ \-]?){3}\d{4}(?:[ \-]?\d{1,3})?(?!\d)")
_MOBILE = re.compile(r"(?<![\d+])(?:(?:\+|00)?86[ \-]?)?(1[3-9]\d)" + _SEP +
                     r"(\d)" + _SEP + r"(\d{3})" + _SEP + r"(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)[(]?(0\d{2,3})[)]?[ \-]?(\d{3,4})[ \-]?(\d{4})(?!\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


def mask_name(name: str | None) -> str:
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1) if len(name) > 1 else name + "*"


def mask_phone(phone: str | None) -> str:
    if not phone:
        return ""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_text(text: str | None) -> str:
    """The text with every personal number and e-mail address in it masked."""
    text = (text or "").translate(_WIDE)
    text = _RESIDENT_ID.sub(lambda m: m.group(0)[0] + "*" * 16 + m.group(0)[-1], text)
    text = _BANK_CARD.sub(lambda m: "**** " + re.sub(r"\D", "", m.group(0))[-4:], text)
    text = _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(4)}", text)
    text = _LANDLINE.sub(lambda m: f"{m.group(1)}-****{m.group(3)[-2:]}", text)
    return _EMAIL.sub(lambda m: m.group(0)[0] + "***@" + m.group(0).split("@", 1)[1], text)
