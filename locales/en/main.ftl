# Refund Desk — English. Every message here must exist in every language under locales/.
# Parameters ({ $name }) are filled in by the bot and escaped; markup is limited to <b> and <i>.

## Start, consent, help

welcome = 👋 Hello! I'm Refund Desk. I help you ask for your money back when a child paid for something in an app without permission, when you were charged twice or charged for a payment that failed, or when you paid and the service never started. It takes about five minutes.
ask-consent =
    <b>Before we start: your privacy</b>
    To handle your claim I need to keep what you tell me here — the account, the purchases, your screenshots and, if your child was involved, their age. Only our support team sees it, only to deal with your claim, and it is deleted once the claim is closed and the legal retention period has passed.
    Do you agree?
button-consent-yes = ✅ I agree
button-consent-no = No, thanks
consent-declined = Understood — I won't keep anything. Without your agreement I can't take a claim, but you can come back at any time with /start.
help =
    I'll ask you one question at a time; buttons are there whenever the answer is a choice.
    /start — start a claim, or continue the one you began
    /status — see your claims and where they are
    /routes — other ways to get your money back
    /language — change language
    /timezone — change your time zone (used for purchase times)
    /notifications — turn progress updates on or off
    /mydata — get a copy of everything stored about you
    /delete — erase your data
    /cancel — drop the claim in progress
hint-start = Send /start to begin a claim.
resume-question = You have a claim you started on { $started } that isn't finished yet. Shall we pick it up where you left off?
button-resume = ▶️ Continue
button-restart = 🔄 Start over
cancelled = Your unfinished claim has been dropped. Send /start whenever you want to begin again.
nothing-to-cancel = There's no claim in progress to cancel.
case-already-submitted = Your claim <b>{ $reference }</b> has been sent to our support team, who will reply here. To make a new claim, send /start.

## Language and time zone

ask-language = Which language would you like?
language-name-en = English
language-name-fr = Français
language-name-zh-Hans = 简体中文
language-name-zh-Hant = 繁體中文
language-changed = Done — I'll talk to you in English from now on.
ask-timezone = Your time zone is set to <b>{ $timezone }</b>. I use it to understand times like "yesterday at 9 pm". Pick yours below, or send /timezone followed by a zone name such as Europe/Paris or an offset such as UTC+8.
timezone-button = { $zone }
timezone-changed = Time zone set to <b>{ $timezone }</b>.
error-timezone = I don't know the time zone "{ $value }". Try a name like Asia/Shanghai or Europe/Paris, or an offset like UTC+8.

## The questions

ask-platform = Which app or platform was the money spent on?
platform-douyin = Douyin (抖音)
platform-tiktok = TikTok
platform-wechat = WeChat mini-program / mini-game
platform-kuaishou = Kuaishou (快手)
platform-other = Something else
platform-custom = { $name }
# The platform as it reads inside a sentence ("Which Douyin account…", "Claim K7QM4 (WeChat): …").
platform-inline-douyin = Douyin
platform-inline-tiktok = TikTok
platform-inline-wechat = WeChat
platform-inline-kuaishou = Kuaishou
ask-platform-other = What is the app or platform called?

ask-problem = What happened?
problem-minor-purchase = A child paid without my permission
problem-payment-failed = The payment failed but I was charged, or I was charged twice
problem-not-activated = I paid but the service never started
problem-other = Something else

ask-writer = Who is filling in this claim?
writer-parent = Parent
writer-guardian = Other guardian
writer-minor = The child
writer-other = Someone else

ask-minor-age = How old is the child? Just the number is fine, e.g. 12.
error-age = I need the child's age as a number of years, between { $low } and { $high } — for example 12.
error-age-range = { $age ->
        [one] { $age } year
       *[other] { $age } years
    } is outside the range for a minor's claim ({ $low }–{ $high } years). Please check the child's age.

ask-account = Which { $platform } account made the purchases? Its ID, username or the phone number it is registered with — whatever you can see on the app's profile page.

ask-tx-amount = <b>Purchase { $number }</b>: how much was charged? For example 648 yuan, ¥30 or 9.99 USD.
error-amount = I couldn't read that as an amount. Please write the amount with its currency, for example "648 yuan", "¥30", "9.99 USD" or "12,50 €".
ask-tx-time = When did it happen? For example "yesterday 9 pm", "Nov 3 at 14:10" or "2025-11-03 14:10". (Times are read in your time zone, { $timezone } — /timezone to change it.)
error-time = I couldn't read that as a date and time. Try for example "yesterday 9 pm", "last Monday around 8 pm" or "2025-11-03 14:10" (time zone { $timezone }).
error-time-future = That's in the future — it is now { $now } where you are. When did the charge happen?
ask-tx-confirm = <b>{ $money }</b> on <b>{ $when }</b> — is that right?
tx-confirm-order = Order number: { $order }
tx-currency-assumed = (You didn't give a currency, so I assumed { $currency }. If that's wrong, tap "No, change it", then "The amount", and write the currency too.)
tx-old-warning = ⚠️ That was { $days } days ago. Older purchases can still be claimed, but please make sure the date is right.
button-tx-correct = ✅ Yes, that's right
button-tx-fix = ✏️ No, change it
ask-tx-fix = What needs changing in purchase { $number }?
button-fix-amount = 💰 The amount
button-fix-time = 🕘 The date and time
button-fix-order = 🧾 The order number
button-fix-nothing = ↩️ Nothing, it's right
ask-tx-order = Do you have the order number (transaction ID)? { $where } Send it here, or tap the button if you don't have it.
tx-order-where =
    { $method ->
        [alipay] In Alipay, open Me → Bills and tap the payment: it's the "Order number" in its details.
        [wechat-pay] In WeChat, open Me → Services → Wallet → Transactions and tap the payment: it's the "Transaction ID".
        [bank-card] A card statement often has none, but your bank app's details of the charge may show a reference number.
        [apple] It's the "Order ID" in the receipt email from Apple, also listed at reportaproblem.apple.com.
        [google-play] It's the order number beginning with GPA. in the receipt email from Google Play, or in the Play Store app's order history.
        [platform-balance] It's in the app's wallet: open the top-up or spending record of the purchase.
       *[other] It's on the payment record or the receipt.
    }
button-no-order = I don't have it
error-order = That doesn't look like an order number: it should be letters and digits, for example 4200001234202511031234567890. Send it again, or tap "I don't have it".
tx-recorded = Purchase { $count } saved. Total so far: <b>{ $total }</b>.
ask-tx-more = Was there another purchase or charge to add?
button-tx-add = ➕ Add another
button-tx-done = That's all
error-tx-max = That's the most purchases one claim can hold ({ $max }). If there are more, mention them in the description.
ask-tx-list = Your purchases — choose one to change or remove:
button-tx-change = ✏️ Change { $number }
button-tx-remove = 🗑 Remove { $number }
button-back-to-review = ↩️ Back to the summary
tx-removed = Purchase { $number } removed.
error-tx-last = A claim needs at least one purchase — change this one instead of removing it.

ask-payment = How was it paid?
payment-alipay = Alipay
payment-wechat-pay = WeChat Pay
payment-bank-card = Bank or credit card
payment-apple = Apple (App Store)
payment-google-play = Google Play
payment-platform-balance = Balance or coins in the app
payment-other = Other
# The payment method as it reads inside a sentence ("A refund of money paid with a bank or credit card…").
payment-inline-alipay = Alipay
payment-inline-wechat-pay = WeChat Pay
payment-inline-bank-card = a bank or credit card
payment-inline-apple = your Apple account
payment-inline-google-play = Google Play
payment-inline-platform-balance = the app's balance or coins
ask-payment-other = Which payment method was it?
payment-record =
    { $method ->
        [alipay] the payment's details in Alipay (Me → Bills)
        [wechat-pay] the payment's details in WeChat Pay (Me → Services → Wallet → Transactions)
        [bank-card] your bank app or your card statement
        [apple] the receipt email from Apple, or at reportaproblem.apple.com
        [google-play] the receipt email from Google Play, or the order history in the Play Store app
        [platform-balance] the top-up and spending records in the app's wallet
       *[other] the payment record or the receipt
    }

ask-evidence = Now the evidence: please send screenshots of the purchase in the app (its wallet or order history) and of the payment, which you'll find in { $record }. Photos or PDF files, as many as you like, in one go or in several messages. No screenshots at all? Tap "I have no screenshots".
evidence-count = { $count ->
        [one] I have 1 file so far.
       *[other] I have { $count } files so far.
    } Send more, or tap "Done".
evidence-kept-aside = { $count ->
        [one] I've kept that file with your claim's evidence.
       *[other] I've kept those { $count } files with your claim's evidence.
    }
button-evidence-done = ✅ Done
button-no-evidence = I have no screenshots
error-evidence-none = I haven't received any file yet. Send at least one screenshot, or tap "I have no screenshots".
error-evidence-text = At this step I need screenshots or PDF files: send them as photos or files. If you have none, tap "I have no screenshots".
error-evidence-text-more = At this step I need screenshots or PDF files: send more as photos or files, or tap "Done" if that's all.
error-file-type = I can't use "{ $name }": please send pictures or PDF files.
error-file-size = "{ $name }" is too large ({ $size } MB; the limit is { $limit } MB). A screenshot is enough.
error-evidence-max = That's the most files one claim can hold ({ $max }); the rest were not kept.

ask-description = In your own words, what happened? Anything that helps: how the child got access, what was bought, what you have already tried.
error-description-short = Please tell me a little more — a sentence or two is enough.
ask-contact = Would you like to leave another way to reach you (phone or email)? Optional — we'll always answer here.
button-skip-contact = Skip

## Review and submit

review-header = <b>Please check your claim</b>
# One field per line (a reply's parts are set apart by blank lines); reads the same in every language.
review-lines =
    { $first }
    { $rest }
review-platform = Platform: { $value }
review-problem = Problem: { $value }
review-writer = Filled in by: { $value }
review-minor-age = Child's age: { $age ->
        [one] { $age } year
       *[other] { $age } years
    }
review-account = Account: { $value }
review-tx-line = { $number }. { $money } — { $when } — order: { $order }
review-total = Total: <b>{ $total }</b>
review-payment = Paid with: { $value }
review-evidence = Evidence: { $count ->
        [one] 1 file
       *[other] { $count } files
    }
review-no-evidence = Evidence: none (you said you have no screenshots)
review-description = Description: { $value }
review-contact = Contact: { $value }
review-no-contact = Contact: only here
ask-review = Tap a button to change anything, or submit the claim.
button-edit-platform = ✏️ Platform
button-edit-problem = ✏️ Problem
button-edit-writer = ✏️ Filled in by
button-edit-minor-age = ✏️ Child's age
button-edit-account = ✏️ Account
button-edit-transactions = ✏️ Purchases
button-edit-payment = ✏️ Payment
button-edit-evidence = ➕ Evidence
button-edit-description = ✏️ Description
button-edit-contact = ✏️ Contact
button-submit = 📨 Submit my claim
submitted = ✅ Your claim has been sent. Your reference is <b>{ $reference }</b> — quote it whenever you contact us.
submitted-timeline = What happens next: a support agent will look at it and reply here within { $days ->
        [one] 1 working day
       *[other] { $days } working days
    }. If they need anything else, they'll ask you here. If you disagree with their decision, you can appeal once. Send /status at any time to see where it stands.

## Status

status-none = You haven't submitted any claim yet.
status-header = <b>Your claims</b>
status-submitted = received, waiting for an agent
status-in-review = being reviewed
status-waiting-parent = waiting for your answer
status-decided = decided
status-appealed = appeal under review
status-closed = closed

## Things the bot can't use

error-use-buttons = Please choose one of the buttons below.
error-empty-answer = That answer is empty — please write something.
error-text-too-long = That's too long for this question ({ $length } characters; up to { $max }). Please shorten it.
error-stale-button = That button belongs to an earlier question, so I've ignored it.
error-sticker = Nice sticker! But I can only read text here.
error-voice = I can't listen to voice or video messages — please type your answer.
error-unsupported = I can't use that kind of message here.
error-media-here = Thanks — I'll ask for screenshots in a moment. For now I need a typed answer.
error-edited = I only read new messages, not edits. If you meant to change your answer, please send it again as a new message.
error-unknown-command = I don't know the command { $command }.

## Command menu (Telegram)

command-start = Start or continue a refund claim
command-status = See your claims
command-language = Change language
command-timezone = Change your time zone
command-help = How this works
command-cancel = Drop the claim in progress

## Support team's group (in the agents' language)

desk-topic-name = { $reference } · { $platform } · { $total }
desk-card-header = 📋 Case <b>{ $reference }</b> — { $status }
desk-card-escalated = 🚨 Escalated to supervisors
desk-card-overdue = ⏰ Overdue
desk-card-tx-when = { $when } ({ $city }, UTC{ $offset })
desk-card-tx-when-team = { $when } ({ $city }, UTC{ $offset }) · { $team_time } { $team_city }
desk-card-parent = Parent's language: { $language } · time zone { $timezone } · sent { $submitted }
desk-card-due = Decision due: { $due }
desk-card-assignee = Handled by: { $name }
desk-card-unassigned = Not claimed yet
desk-card-approved = Decision: approved in full ({ $total })
desk-card-partial = Decision: approved in part ({ $amount })
desk-card-rejected = Decision: rejected — { $reason }
desk-card-note = Note to the parent: { $note }
desk-card-waiting-question = ✍️ Waiting for { $name }'s question to the parent: their next message in this thread.
desk-card-waiting-amount = ✍️ Waiting for { $name }'s amount to refund: their next message in this thread (e.g. 300 or 300 CNY).
desk-card-waiting-reason = ✍️ { $name } is rejecting: waiting for the reason, below.
desk-card-waiting-note = ✍️ { $name } is rejecting ({ $reason }): waiting for their note to the parent as their next message in this thread, or "No note" below.
desk-evidence-caption = Evidence for { $reference } ({ $count ->
        [one] 1 file
       *[other] { $count } files
    })
desk-button-claim = 🙋 Claim
desk-button-unclaim = ↩️ Unclaim
desk-button-ask = ❓ Ask parent
desk-button-approve = ✅ Approve
desk-button-partial = ➗ Approve part
desk-button-reject = ❌ Reject
desk-button-escalate = 🚨 Escalate
desk-button-close = 🗂 Close
desk-button-reopen = 🔓 Reopen
desk-button-no-note = No note
desk-button-cancel = ✖️ Cancel
desk-button-files = 📎 Show { $count ->
        [one] 1 file
       *[other] { $count } files
    }
reject-button-insufficient-evidence = Insufficient evidence
reject-button-not-a-minor = Not a minor
reject-button-too-old = Too old
reject-button-already-refunded = Already refunded
reject-button-duplicate = Duplicate
reject-button-other = Other
desk-status-submitted = new
desk-status-in-review = in review
desk-status-waiting-parent = waiting for the parent
desk-status-decided = decided
desk-status-appealed = appealed
desk-status-closed = closed
reject-reason-insufficient-evidence = the evidence does not show the purchases
reject-reason-not-a-minor = the purchases were not made by a minor
reject-reason-too-old = the purchases are too old to be refunded
reject-reason-already-refunded = the purchases were already refunded
reject-reason-duplicate = the same claim was already made
reject-reason-other = the claim does not meet the refund conditions
desk-refused-state = { $reference } — { $status }: that action doesn't apply now.
desk-refused-unclaimed = Nobody has claimed { $reference } yet.
desk-refused-claimed = { $reference } is already handled by { $name }.
desk-refused-escalated = { $reference } is already escalated.
desk-refused-other-agent = { $reference } is handled by { $name }: only they or a supervisor can do that.
desk-refused-unknown = That button is no longer valid.
desk-not-agent = Only support agents can act on cases here.
desk-ask-prompt = Write your question for the parent of { $reference } as your next message in this thread.
desk-question-sent = Question sent to the parent of { $reference }.
desk-partial-prompt = How much should be refunded for { $reference }? Send the amount as your next message{ $example ->
        [bare] {" "}(e.g. { $amount } or { $amount } { $currency }).
        [coded] {" "}(e.g. { $amount } { $currency }: name the currency).
       *[none] .
    }
desk-partial-currency = Say which currency: the parent claimed { $total }.
desk-partial-too-much = That's more than was claimed ({ $total }).
desk-reject-prompt = Pick the reason for rejecting { $reference } on the card.
desk-reject-note-prompt = Add a note for the parent of { $reference } as your next message, or tap "No note".
desk-files-already-shown = The files of { $reference } are already posted in this thread.
desk-escalated = 🚨 { $reference } escalated to the supervisors.
desk-mention = <a href="tg://user?id={ $id }">supervisor</a>
desk-closed-no-relay = { $reference } is closed: nothing was sent to the parent. Reopen it to write to them.
desk-queue-header = <b>Open cases</b>, most urgent first:
desk-mine-header = <b>Your open cases</b>, most urgent first:
desk-queue-empty = Nothing open. 🎉
desk-queue-line = { $reference } · { $status } · { $age } · due { $due } · { $name }
desk-queue-line-overdue = ⏰ { $reference } · { $status } · { $age } · was due { $due } · { $name }
desk-age-hours = { $hours } h old
desk-age-days = { $days } days old
desk-case-unknown = No case { $reference }. Usage: /case K7QM4
relay-from-parent = 👤 Parent ({ $reference }): { $text }
relay-from-parent-edited = 👤 Parent ({ $reference }), correction of an earlier message: { $text }

## Parents, about their submitted case

support-name = Support
relay-to-parent = 💬 { $name } about your claim <b>{ $reference }</b>: { $text }
relay-to-parent-edited = 💬 { $name } about your claim <b>{ $reference }</b> (correction of an earlier message): { $text }
parent-claimed = { $name } is now looking at your claim <b>{ $reference }</b>.
parent-question = ❓ { $name } needs more information about your claim <b>{ $reference }</b>: { $text }
    Just reply here — text or screenshots.
parent-escalated = Your claim <b>{ $reference }</b> has been passed to a supervisor.
parent-closed = Your claim <b>{ $reference }</b> is now closed. Send /start if you need to make a new one.
parent-reopened = Your claim <b>{ $reference }</b> has been reopened and is being looked at again.
parent-decision-note = The agent adds: { $note }
button-appeal = ⚖️ Appeal
parent-which-case = Which claim is your message about?
button-case = Claim { $reference }
parent-relayed = Sent to support for <b>{ $reference }</b>. We'll reply here.
parent-all-closed = Your claims are all closed.

## Follow-ups

reminder-intake-first = You started a refund claim but haven't finished it. Shall we pick it up where you left off? It only takes a few minutes.
reminder-intake-again = Your refund claim is still waiting for you. Finish it so the support team can start working on it.
reminder-missing-evidence = Your claim <b>{ $reference }</b> has no screenshots yet. If you can find the purchase record or the payment receipt, send it here: it makes a refund much more likely.
parent-check-in = An update on your claim <b>{ $reference }</b> — status: { $status }. We haven't forgotten you: the team aims to decide by { $due }.
parent-satisfaction = Your claim <b>{ $reference }</b> is closed. How did we do?
button-rating = { $stars ->
        [1] ⭐
        [2] ⭐⭐
        [3] ⭐⭐⭐
        [4] ⭐⭐⭐⭐
       *[other] ⭐⭐⭐⭐⭐
    }
parent-thanks = Thank you for your answer!
desk-unclaimed = 🙋 { $reference } has been waiting { $hours } h without an agent.
desk-deadline-warning = ⏳ { $reference }: the decision is due { $due }.
desk-deadline-overdue = ⏰ { $reference } is overdue: the decision was due { $due }.
text-cut = … (cut)

## A claim's purchases in /status, numbered, each on the clock the parent gave it in (a part of
## the day stays "in the evening, around 8:00 PM").
status-purchase = { $number }. { $money } — { $when }

## The time zone, asked once before the first purchase's time when the language names no place
## (a bare "en" client): a city button, or a city or an offset typed (handlers/intake/zone.py).
ask-zone = One thing before the time: where are you? I read the times you give on your own clock, and the support team sees them on it too. Tap your city (or one with the same time), or type another city or your offset from UTC, for example "Berlin" or "UTC-5".
error-zone = I can't tell where "{ $value }" is. Tap the city nearest you with the same time, or type your offset from UTC, for example "UTC+8" or "-5".
zone-city-london = London
zone-city-new-york = New York
zone-city-chicago = Chicago
zone-city-los-angeles = Los Angeles
zone-city-sydney = Sydney
zone-city-auckland = Auckland
zone-city-singapore = Singapore
zone-city-hong-kong = Hong Kong
zone-city-shanghai = Shanghai
zone-city-india = India
