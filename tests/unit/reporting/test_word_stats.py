"""The dashboard's frequent words: what cases are about, not how people write."""
from functions.reporting.word_stats import STOPWORDS_FILE, stopwords, top_words

TEXTS = ["我们村的路灯坏了，希望尽快解决，谢谢", "村口路灯已经三个月不亮了，请问什么时候修",
         "路灯的问题一直没有人处理，已经反映多次", "学校门口的路灯坏了两次"]


def test_stop_words_and_counted_amounts_never_reach_the_cloud():
    words = [w["word"] for w in top_words(TEXTS)]
    assert words[0] == "路灯"
    assert not {"我们", "希望", "尽快", "谢谢", "请问", "什么", "问题", "已经", "反映",
                "多次", "三个", "两次", "时候"} & set(words)


def test_the_list_is_a_file_people_can_extend_with_notes_ignored():
    text = STOPWORDS_FILE.read_text(encoding="utf-8")
    assert text.startswith("#") and len(stopwords()) > 200
    assert not any(w.startswith("#") for w in stopwords())
