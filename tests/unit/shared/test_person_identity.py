"""Names and phones typed differently compare equal once normalised; pinyin sort keys."""
import pytest

from functions.shared.person_identity import normal_name, normal_phone
from functions.deputies.name_order import deputy_sort_key, pinyin_key


@pytest.mark.parametrize("typed", ["13800000001", "138 0000 0001", "138-0000-0001",
                                   "+86 138 0000 0001", "86-13800000001", "0086 13800000001",
                                   "１３８００００００01", "(138)0000-0001"])
def test_every_way_of_writing_a_mobile_becomes_its_eleven_digits(typed):
    assert normal_phone(typed) == "13800000001"


def test_a_number_that_only_looks_prefixed_keeps_its_digits():
    assert normal_phone("8613800") == "8613800"


@pytest.mark.parametrize("typed, stored", [(" 张  三 ", "张三"), ("张\u3000三", "张三"),
                                           ("Ａｂｄｕ　Ｒａｈｍａｎ", "Abdu Rahman"),
                                           ("阿卜杜・热合曼", "阿卜杜·热合曼")])
def test_names_lose_stray_spaces_and_full_width_forms(typed, stored):
    assert normal_name(typed) == stored


def test_names_sort_by_pinyin_with_surnames_read_as_surnames():
    names = ["张三", "李四", "连战", "李安", "王五", "曾国", "安宁"]
    ordered = sorted(names, key=lambda n: deputy_sort_key(n, "d1"))
    assert ordered == ["安宁", "李安", "连战", "李四", "王五", "曾国", "张三"]


def test_the_key_of_a_names_start_is_the_start_of_its_key():
    assert deputy_sort_key("张建国", "d1").startswith(pinyin_key("张建"))
