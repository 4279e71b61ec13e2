from ggcrawl.store.fts import holds_phrase, index_text, match_expression


def test_han_runs_become_bigrams_and_last_character() -> None:
    assert index_text("关工委").split() == ["关工", "工委", "委"]
    assert index_text("关").split() == ["关"]
    assert index_text("ICP备12000071号").split() == ["ICP", "备", "12000071", "号"]


def test_two_character_word_is_one_token() -> None:
    assert match_expression("关工") == '"关工"'


def test_longer_word_is_a_phrase_of_bigrams() -> None:
    assert match_expression("关心下一代") == '"关心 心下 下一 一代"'


def test_single_character_is_a_prefix_query() -> None:
    assert match_expression("委") == '"委"*'


def test_terms_are_anded_and_quotes_escaped() -> None:
    assert match_expression("关工 扶贫") == '"关工" AND "扶贫"'
    assert match_expression("2019年") == '"2019 年"*'
    assert match_expression("  ") is None
    assert match_expression('"') is None


def test_a_phrase_is_a_term_of_several_tokens() -> None:
    assert not any(map(holds_phrase, ["关工", "委", "关工 扶贫", "ICP", "  ", '"']))
    assert all(map(holds_phrase, ["关工委", "扶贫 关心下一代", '"child care"', "2019年"]))
