"""Supervisors' reports at the server: the figures printed, the cases exported."""
