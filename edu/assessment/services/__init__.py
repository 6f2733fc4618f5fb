"""Writes of the assessment engine, one module per area: banks, blueprints, attempts."""
