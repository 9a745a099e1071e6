"""Files Doorstep hands people to keep: the weekly huddle pack."""
