"""Writes of the learning app: catalogue (editors), plans and exams, lesson progress, certificates."""
