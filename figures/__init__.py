"""Figures: pure Polars functions of (snapshot, filters, scope), each defined once."""
