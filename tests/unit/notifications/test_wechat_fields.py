from datetime import date, datetime, timezone

import pytest

from functions.notifications.wechat_fields import fit, fit_data, kind_of


def test_a_short_thing_is_sent_as_it_is():
    assert fit("thing", "路灯不亮") == "路灯不亮"


def test_a_long_thing_is_cut_to_twenty_characters_ending_with_an_ellipsis():
    value = fit("thing", "幸福路与和平街交叉口的路灯已经连续三个晚上不亮了")
    assert value == "幸福路与和平街交叉口的路灯已经连续三个…"
    assert len(value) == 20


def test_newlines_become_single_spaces():
    assert fit("thing", "第一行\n\n第二行\r\n") == "第一行 第二行"


def test_a_phrase_is_cut_to_five_characters():
    assert fit("phrase", "已转交办理单位") == "已转交办理"


def test_a_chinese_name_is_cut_to_ten_characters_and_a_latin_one_to_twenty():
    assert fit("name", "某某县住房和城乡建设局办公室") == "某某县住房和城乡建设"
    assert fit("name", "Alexander Montgomery-Smith") == "Alexander Montgomery"


def test_a_character_string_keeps_only_printable_ascii_up_to_32():
    assert fit("character_string", "案件 A2024-0001 号") == "A2024-0001"
    assert len(fit("character_string", "x" * 40)) == 32


def test_a_number_keeps_only_digits_and_the_decimal_point():
    assert fit("number", "共 12.5 件") == "12.5"


def test_a_phone_number_is_cut_to_seventeen_characters():
    assert fit("phone_number", "+86 138-0013-8000 转 1234") == "+86 138-0013-8000"


def test_a_time_is_shown_in_shanghai_with_the_date():
    moment = datetime(2024, 10, 1, 7, 1, tzinfo=timezone.utc)
    assert fit("time", moment) == "2024年10月1日 15:01"


def test_a_date_is_the_shanghai_calendar_day():
    late_evening_utc = datetime(2024, 9, 30, 17, 0, tzinfo=timezone.utc)
    assert fit("date", late_evening_utc) == "2024年10月1日"
    assert fit("date", date(2024, 10, 1)) == "2024年10月1日"


def test_the_kind_of_a_field_is_its_key_without_the_number():
    assert kind_of("character_string12") == "character_string"


def test_fit_data_wraps_each_value_in_the_shape_wechat_expects():
    assert fit_data({"thing1": "路灯\n不亮", "phrase2": "待签收"}) == {
        "thing1": {"value": "路灯 不亮"}, "phrase2": {"value": "待签收"}}


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        fit("colour", "red")
