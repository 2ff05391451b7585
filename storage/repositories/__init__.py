"""Data access as small keyword-only functions taking a session.

The unit of work (one transaction per update) is opened by the caller, never in here.
"""
