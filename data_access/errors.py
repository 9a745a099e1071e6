"""Errors the pages can show as a plain sentence instead of a traceback."""

from __future__ import annotations


class DataUnavailable(RuntimeError):
    """The operational database cannot give us what a page needs.

    The message names what is wrong (which database, which table or column) in words
    a director can pass on to the DBA.
    """


class ConfigurationError(RuntimeError):
    """Doorstep is configured in a way that would be unsafe or cannot work."""
