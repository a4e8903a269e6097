import string

from checker.messages import MESSAGES
from web.i18n import WEB_MESSAGES, t


def _fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_one_catalogue_no_collisions_both_languages_same_placeholders():
    assert not set(WEB_MESSAGES) & set(MESSAGES)
    for code, (zh, en) in WEB_MESSAGES.items():
        assert zh and en, code
        assert _fields(zh) == _fields(en), code


def test_core_codes_render_through_the_same_function():
    assert t("file.format", "zh", suffix=".txt") == MESSAGES["file.format"][0].format(suffix=".txt")
    assert t("web.saved", "en", version=3) == "Draft saved (save 3)."


def test_english_counts_of_one_are_singular():
    from web.i18n import EN_ONE

    for code, (name, one) in EN_ONE.items():
        _zh, en = WEB_MESSAGES[code]
        assert name in _fields(en) and _fields(one) <= _fields(en), code
    assert t("web.assigned", "en", count=1) == "Audit planned for 1 community."
    assert t("web.assigned", "en", count=3) == "Audits planned for 3 communities."
    assert t("web.assigned", "zh", count=1) == "已为 1 个社区安排核查。"
