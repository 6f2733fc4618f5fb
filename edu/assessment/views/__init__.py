"""Pages of the assessment engine: editors (banks, blueprints, results) and takers (tests, exam, results)."""
