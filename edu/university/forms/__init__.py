"""Forms of the university pages, one module per area."""
