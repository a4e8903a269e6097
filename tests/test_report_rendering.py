"""How reports are rendered cheaply (one HTML page per community in a publication): Jinja's calls of our labels
and macros taken at once (the collector's pause: tests/test_collector.py). Outputs are the goldens' business."""

from __future__ import annotations

from jinja2 import pass_context
from jinja2.runtime import Context

from reports.environment import environment
from reports.labels import Labels


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
