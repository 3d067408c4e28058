"""Local runners, table bootstrap, demo seed and deploy configuration."""
