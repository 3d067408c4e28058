"""URL rules that compile their builders on first use build the same URLs as Werkzeug's own."""
from werkzeug.routing import Map, Rule

from miniprogram_api.routing import LazyBuilderRule

RULES = [("/api/v1/cases/<case_id>", "case", {}), ("/admin/", "home", {}),
         ("/h5/public", "public", {"page": 1}), ("/q/<code>/<int:n>", "entry", {}),
         ("/static/<path:filename>", "static", {})]
CALLS = [("case", {"case_id": "C-1 2"}), ("home", {"next": "/admin/q?x=1"}),
         ("public", {}), ("public", {"page": 1}), ("entry", {"code": "标", "n": 7}),
         ("static", {"filename": "vendor/echarts.min.js"})]


def _adapter(rule_class):
    return Map([rule_class(path, endpoint=name, defaults=defaults or None)
                for path, name, defaults in RULES]).bind("example.cn", "/")


def test_lazy_rules_build_every_url_as_werkzeugs_rules_do():
    lazy, plain = _adapter(LazyBuilderRule), _adapter(Rule)
    for endpoint, values in CALLS * 2:  # the second round uses the compiled builders
        assert lazy.build(endpoint, values) == plain.build(endpoint, values)
        assert lazy.build(endpoint, values, force_external=True) == plain.build(
            endpoint, values, force_external=True)


def test_lazy_rules_match_requests_as_werkzeugs_rules_do():
    lazy, plain = _adapter(LazyBuilderRule), _adapter(Rule)
    for path in ("/api/v1/cases/C-1", "/admin/", "/h5/public", "/q/abc/7", "/static/a/b.js"):
        assert lazy.match(path) == plain.match(path)
