"""Doorstep's entry point: ``streamlit run dashboard.py``.

Everything happens in ``ui.entry.main``: login, then only the pages the role allows.
"""

from ui.entry import main

main()
