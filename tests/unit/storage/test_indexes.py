"""Indexes are named by purpose in one module; the physical names stay inside storage/."""
import pathlib
import re

from functions.storage import indexes
from functions.storage.connection import index_definitions

ROOT = pathlib.Path(__file__).resolve().parents[3]
USES = {name: use for name, use in vars(indexes).items() if isinstance(use, indexes.IndexUse)}


def test_every_use_is_an_index_of_the_table_with_its_key_attributes():
    tables = index_definitions()
    assert USES and all(tables[use.physical] == (use.hash_attr, use.range_attr)
                        for use in USES.values())


def test_every_index_of_the_table_has_a_named_use():
    assert set(index_definitions()) == {use.physical for use in USES.values()}


def test_leaving_an_index_clears_both_of_its_key_attributes():
    assert indexes.outside(indexes.inbox_by_status, indexes.due) == {
        "gsi2pk": None, "gsi2sk": None, "due_pk": None, "due_at": None}


def test_no_code_outside_storage_names_a_physical_index():
    physical = re.compile(r"\b(gsi([1-9]|10)(pk|sk)?|by_gsi([1-9]|10)|by_due|by_outbox"
                          r"|by_open_deadline)\b")
    offenders = [str(path.relative_to(ROOT))
                 for package in ("functions", "miniprogram_api")
                 for path in (ROOT / package).rglob("*.py")
                 if "storage" not in path.parts and physical.search(path.read_text("utf-8"))]
    assert offenders == []
