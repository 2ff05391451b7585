# Refund Desk — English: /status, a parent's own claims (handlers/aftercare/status.py).
# Every message here must exist in every language under locales/.

## A claim in the list and in its own view

# Puts lines together in one paragraph; reads the same in every language.
status-lines =
    { $first }
    { $rest }
status-case = Claim <b>{ $reference }</b> ({ $platform }): { $status }
status-claimed = Claimed: { $amount }
status-refund = Refund decided: { $amount }
status-not-approved = Not approved: { $reason }
status-due = Decision expected by { $due }
status-overdue = ⏰ The decision was due by { $due } — sorry for the wait, we're on it.
status-timeline = <i>What has happened:</i>
status-event = • { $when } — { $what }
status-compact = <b>{ $reference }</b>, sent { $submitted }: { $status } · { $claimed }
status-more = … and { $count ->
        [one] one older claim
       *[other] { $count } older claims
    }. To see one, send /status followed by its reference, for example <code>/status K7QM4</code>.
status-pick = Tap a claim to see it in full, add a message or add evidence.
status-unknown = I can't find a claim { $reference } among yours. The reference is in the message you got when you sent your claim; send /status to see all your claims.

## Adding to a claim

status-write-message = Write your message about <b>{ $reference }</b> now: it goes straight to the support team.
status-send-evidence = Send the screenshots or documents for <b>{ $reference }</b> now (several at once is fine): they go straight to the support team.
status-closed-no-message = Your claim <b>{ $reference }</b> is closed, so nothing more can be added to it. If you need to, send /start to make a new claim.
status-finish-intake-first = You're in the middle of a new claim, so your next message would be taken as an answer to it. Finish it (or send /cancel), then tap the button for <b>{ $reference }</b> again.
status-finish-appeal-first = You're writing an appeal on <b>{ $reference }</b>, so your next message would be added to it. Send the appeal or cancel it first, then tap the button again.
button-status-open = 📄 Open { $reference }
button-status-message = ✉️ Add a message
button-status-evidence = 📎 Add evidence
button-status-all = ⬅️ All my claims

## What has happened, one line per step (agents are never named here)

timeline-submitted = you sent the claim
timeline-claimed = an agent started working on it
timeline-asked = support asked you a question
timeline-support-message = { $count ->
        [one] support wrote to you
       *[other] support wrote to you ({ $count } messages)
    }
timeline-parent-message = { $count ->
        [one] you sent a message
       *[other] you sent { $count } messages
    }
timeline-approved = approved in full
timeline-partial = approved in part
timeline-rejected = not approved
timeline-decided = decided
timeline-appealed = you appealed
timeline-escalated = passed to a supervisor
timeline-closed = closed
timeline-reopened = reopened to be looked at again
