"""Running on Telegram: inbox, outbox, per-chat ordering, polling and webhook — shared by both
framework transports (``bot/ptb_transport.py`` and ``bot/aiogram_transport.py``)."""
