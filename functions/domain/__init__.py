"""Pure rules of 码上办: standard library (plus chinese_calendar) only, no I/O."""
