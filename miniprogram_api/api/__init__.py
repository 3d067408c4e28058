"""The mini-program and staff JSON API (/api/v1): one blueprint per audience."""
