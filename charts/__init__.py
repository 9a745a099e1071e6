"""Plotly chart builders: figures in, ``go.Figure`` out, no data access."""
