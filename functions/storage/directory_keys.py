"""Index partitions that list a region's directory: its units, deputies, station and
office entry codes, and staff (the whole region's, a unit's, the office's). Every other
key: keys.py."""


def region_units_key(region_id: str) -> str:
    return f"REGION#{region_id}#UNITS"


def region_deputies_key(region_id: str) -> str:
    return f"REGION#{region_id}#DEPUTIES"


def region_entries_key(region_id: str) -> str:
    return f"REGION#{region_id}#ENTRIES"


def region_staff_key(region_id: str) -> str:
    """Every staff account of a region (the admin page's list)."""
    return f"REGION#{region_id}#STAFF"


def unit_staff_key(unit_id: str) -> str:
    return f"UNIT#{unit_id}#STAFF"


def office_staff_key(region_id: str) -> str:
    return f"REGION#{region_id}#STAFF#office"
