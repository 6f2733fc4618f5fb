"""Scoped reads of the university data. Views and APIs read only through these."""
