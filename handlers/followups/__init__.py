"""Follow-ups: what is scheduled when a draft or case changes, and what is said when it fires."""
