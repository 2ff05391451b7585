"""Screenshots read (#16): what OCR found on a receipt, offered to the parent and checked for
the agent. Pure: OCR itself runs in ``bot/files/ocr.py``, off the event loop."""
