"""Writes of the university data, one module per area. Each is journaled and scoped."""
