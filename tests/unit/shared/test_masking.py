"""Public text never shows a personal number or address, however it was written."""
import re

import pytest

from functions.shared.masking import mask_text

LEAKS = [
    ("身份证11010519491231002X请核实", "11010519491231002X"),
    ("身份证号 110105194912310021", "110105194912310021"),
    ("电话13812345678", "13812345678"),
    ("电话 +86 138 1234 5678", "12345678"),
    ("电话+8613812345678", "13812345678"),
    ("打8613812345678", "13812345678"),
    ("号码 0086-138-1234-5678", "1234"),
    ("电话138-1234-5678找我", "1234"),
    ("电话 138.1234.5678", "1234"),
    ("全角１３８１２３４５６７８", "12345678"),
    ("全角１３８ １２３４ ５６７８", "1234 5678"),
    ("座机010-62345678", "6234"),
    ("座机（0571）87654321", "8765"),
    ("座机 0755 2345 6789", "2345"),
    ("卡号6222 0212 3456 7890 123退款", "3456"),
    ("卡号6222021234567890123", "6222021234567890"),
    ("卡号 6222-0212-3456-7890", "0212"),
    ("邮箱 zhang.san+home@example.com.cn", "zhang.san"),
]


@pytest.mark.parametrize("text,secret", LEAKS)
def test_a_personal_number_or_address_never_survives(text, secret):
    masked = mask_text(text)
    assert secret not in masked and secret.replace(" ", "") not in masked.replace(" ", "")
    assert "*" in masked


def test_a_masked_mobile_keeps_its_first_three_and_last_four_digits():
    assert mask_text("请拨13812345678") == "请拨138****5678"
    assert mask_text("+86 138 1234 5678") == "138****5678"


def test_ordinary_numbers_stay_readable():
    text = "2024年3月，村里12户、300米道路，编号2024001，金额15000元"
    assert mask_text(text) == text


def test_nothing_of_eleven_or_more_digits_is_left_in_a_busy_text():
    text = ("我叫张三，身份证11010519491231002X，手机＋86 １３８-1234-5678，"
            "家里电话(010)62345678，工资卡6222 0212 3456 7890 123，邮箱 a.b@qq.com")
    digits = re.findall(r"\d[\d \-]{9,}\d", mask_text(text))
    assert digits == [] and "@qq.com" in mask_text(text) and "a.b@" not in mask_text(text)
