"""Doorstep's entry point: ``streamlit run dashboard.py``.

Everything happens in ``ui.entry.main``: login, then only the pages the role allows.
"""

from ui.guard import leave_legacy_pages_mode

leave_legacy_pages_mode()  # first, before the slow imports (see ui/guard.py)

from ui.entry import main  # noqa: E402

main()
