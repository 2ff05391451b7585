"""A parent's side once a claim is submitted: status, appeals, decisions explained, other
routes, and their data under their control."""
