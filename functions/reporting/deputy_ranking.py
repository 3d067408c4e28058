"""Deputies ranked by cases handled and by time to first response, from their counters.

Reads the region's deputies (one Query) and their counter items (batched GetItems, read
consistently: a move acknowledged before the refresh looked is in what it sums): the
cost follows the number of deputies, never the number of cases. The same read gives the
region's figures (`counters.sum_region`: the region's item plus each deputy item's
`region:` share), kept in the rollup so the dashboard reads them in one GetItem.
Deputies keep their region and are never deleted (deactivated only), so the deputies'
list finds every deputy item the `region_counters` index holds.
"""
from functions.deputies import region_deputy_items
from functions.reporting import counters
from functions.storage import keys
from functions.storage.low_level import get_numbers
from functions.storage.models import BaseItem

TOP = 10
_BATCH = 100  # BatchGetItem's limit


def _counter_items(deputy_ids: list[str]) -> dict[str, dict[str, int]]:
    """deputy id → its counter numbers, read in batches of 100 keys."""
    client = BaseItem._get_connection().connection.client
    table = BaseItem.Meta.table_name
    found: dict[str, dict[str, int]] = {}
    for start in range(0, len(deputy_ids), _BATCH):
        wanted = [{"pk": {"S": keys.counter_pk(f"DEPUTY#{d}")}, "sk": {"S": keys.META}}
                  for d in deputy_ids[start:start + _BATCH]]
        request = {table: {"Keys": wanted, "ConsistentRead": True}}
        while request:
            answer = client.batch_get_item(RequestItems=request)
            for item in answer.get("Responses", {}).get(table, []):
                deputy_id = item["pk"]["S"].split("#", 2)[2]
                found[deputy_id] = {k: int(v["N"]) for k, v in item.items() if "N" in v}
            request = answer.get("UnprocessedKeys") or None
    return found


def ranking_and_figures(region_id: str) -> tuple[dict, dict[str, int]]:
    """(the ranking, the region's figures) from one read of its deputies' counter items
    and the region's own item."""
    deputies = {d.deputy_id: d for d in region_deputy_items(region_id)}
    items = _counter_items(list(deputies))
    own = get_numbers(keys.counter_pk(f"REGION#{region_id}"), consistent=True)
    return _ranked(deputies, items), counters.sum_region(own, items.values())


def _ranked(deputies: dict, figures: dict[str, dict[str, int]]) -> dict:
    """`{"by_handled": [...], "by_response": [...]}`, each row a deputy and its figures."""
    rows = []
    for deputy_id, numbers in figures.items():
        deputy = deputies[deputy_id]
        handled = numbers.get("first_response:count", 0)
        minutes = numbers.get("first_response:minutes", 0)
        rows.append({"id": deputy_id, "name": deputy.name, "station": deputy.station,
                     "total": numbers.get("total", 0), "handled": handled,
                     "avg_response_minutes": minutes // handled if handled else None})
    by_handled = sorted((r for r in rows if r["handled"]),
                        key=lambda r: (-r["handled"], r["avg_response_minutes"], r["name"]))
    by_response = sorted((r for r in rows if r["handled"]),
                         key=lambda r: (r["avg_response_minutes"], -r["handled"], r["name"]))
    return {"by_handled": by_handled[:TOP], "by_response": by_response[:TOP]}
