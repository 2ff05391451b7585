"""The parent's intake: a persisted, data-driven conversation (see :mod:`handlers.intake.steps`)."""
