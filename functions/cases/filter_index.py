"""Where a case sits in the office's all-cases filters: under its region and its status,
category, lead unit and deputy (held cases too), each sorted `created#id`, so a filtered
list (functions/cases/all_cases.py) reads only the matching cases of one value."""
from functions.storage import indexes, keys

# The office's filters of all cases: field → the index use that serves it.
FILTER_USES = {"status": indexes.region_cases_by_status,
               "category": indexes.region_cases_by_category,
               "unit": indexes.region_cases_by_unit, "deputy": indexes.region_cases_by_deputy}


def filter_index_attributes(case: dict) -> dict:
    """The case under its status, category, lead unit and deputy (`created#id`)."""
    values = {"status": case["status"], "category": case["category"],
              "unit": case.get("unit_id"), "deputy": case.get("deputy_id")}
    attrs = {}
    for field, use in FILTER_USES.items():
        attrs.update(use.entry(keys.region_cases_filter_key(case["region_id"], field,
                                                            values[field]),
                               f"{case['created_at']}#{case['id']}")
                     if values[field] else indexes.outside(use))
    return attrs
