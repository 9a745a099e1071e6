"""Streamlit layout helpers shared by the entry script and the page modules."""
