"""Order linking (#15): the merchant's transactions, order ids as people type them, and
matching each claimed purchase against them. Pure: no files, no SQL, no clock."""
