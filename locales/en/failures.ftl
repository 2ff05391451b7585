# Refund Desk — English: what a person is told when something failed on our side
# (bot/telegram/processing.py). Every message here must exist in every language under locales/.

# A message (or button press) could not be handled after several attempts; it is set aside
# for the operator, and nothing the person gave before it is lost.
error-internal = Something went wrong on our side with your last message. Your answers so far are kept — please send it again or carry on.
