"""The agents' side: hand-off cards, actions, the state machine, relays both ways."""
