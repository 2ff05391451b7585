## Nobody floods the bot or the agents (issue #10)

# To a person sending more than the bot handles in a minute: once per flood.
flood-notice = You're sending messages very fast, so I've stopped reading for a moment. Pause briefly, then send again what I missed: I'll read it.

# To a parent whose messages are being gathered so as not to flood the support team.
parent-relayed-together = Received for <b>{ $reference }</b>. You're writing quickly, so the support team will get your latest messages together in a moment. We'll reply here.

# In the case's thread: the parent's messages held back for a minute, as one.
relay-digest = 👤 Parent ({ $reference }), { $count ->
        [one] one more message, sent in quick succession:
       *[other] { $count } more messages, sent in quick succession:
    }
relay-digest-item = • { $text }
relay-digest-item-edited = • (correction of an earlier message) { $text }
relay-digest-item-with-files = • { $text } (📎 { $count ->
        [one] one file
       *[other] { $count } files
    } below)
relay-digest-item-files = • 📎 { $count ->
        [one] one file, below
       *[other] { $count } files, below
    }
relay-digest-album = 👤 Parent ({ $reference }): { $count ->
        [one] the file from the messages above
       *[other] the { $count } files from the messages above
    }
