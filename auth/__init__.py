"""Login, users and roles."""
