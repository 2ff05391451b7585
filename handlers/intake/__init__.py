"""The parent's intake: a persisted, data-driven dialogue (see :mod:`handlers.intake.steps`)."""
