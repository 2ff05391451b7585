"""A case, whichever side looks at it: its states (:mod:`.states`), its fields
(:mod:`.fields`), how it is loaded (:mod:`.view`) and shown — the card (:mod:`.card`), a
purchase (:mod:`.purchase`) — and its history (:mod:`.history`)."""
