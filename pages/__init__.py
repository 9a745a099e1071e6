"""One script per page, registered by ui/navigation.py for the viewer's role.

Each only lays out what figures/ and ui/ provide. If Streamlit's legacy pages/
discovery runs one directly (a fresh server), its first line hands the run back to
dashboard.py, which logs the viewer in; without a logged-in context it renders nothing.
"""
