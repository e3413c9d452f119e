"""Services over the SPMP store: plan actions, users, demo data."""
