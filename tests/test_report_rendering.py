"""How reports are rendered cheaply (one HTML page per community in a publication): the collector paused while a
report is made, and Jinja's calls of our labels and macros taken at once. Outputs are the goldens' business."""

from __future__ import annotations

import gc

from jinja2 import pass_context
from jinja2.runtime import Context

from reports.environment import collection_paused, environment
from reports.labels import Labels


def test_the_collector_is_paused_while_a_report_is_made_and_restored_after() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():  # an inner report leaves the outer pause alone
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    try:
        with collection_paused():
            raise KeyError("a template's error")
    except KeyError:
        pass
    assert gc.isenabled()
    gc.disable()  # paused by the program itself: a report does not turn it back on
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_labels_and_macros_are_called_at_once_and_other_callables_as_jinja_calls_them() -> None:
    @pass_context
    def shown(context: Context, name: str) -> str:
        return f"{name}={context['lang']}"

    template = environment().from_string(
        "{% macro m(x) %}<{{ x }}>{% endmacro %}"
        "{% for i in [1, 2] %}{{ m(i) }}{{ t('sep.comma') }}{{ t('gaps.count', count=i) }}{{ f('lang') }}{% endfor %}"
    )
    zh = template.render(lang="zh", t=Labels("zh"), f=shown)
    count = Labels("zh")("gaps.count", count=1), Labels("zh")("gaps.count", count=2)
    assert zh == f"<1>，{count[0]}lang=zh<2>，{count[1]}lang=zh"
    assert environment().context_class is not Context  # the fast path is in use
