"""Merchants' bills read from files and imported into the order ledger (#15)."""
