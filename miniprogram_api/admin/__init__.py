"""The admin pages (/admin) for office, admin and unit staff."""
