"""Records the app keeps itself, apart from the operational database it only reads."""
