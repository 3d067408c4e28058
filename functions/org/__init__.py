"""The organisation: regions (city → towns) with categories and time limits, units, stations,
entry codes."""
