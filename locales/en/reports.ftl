# Supervisors' reports: /report in the agents' group, the weekly digest, `refund-desk report`.
desk-report-header = 📊 <b>{ $team }</b> · { $period } (cases received in the period)
desk-report-empty = No case was received in this period.
desk-report-all-teams = All teams
desk-report-none = —
desk-report-share = { $percent } ({ $met } of { $due })
desk-report-hours = { $median } h (p90 { $p90 } h)
desk-report-volumes = 📥 Received { $received } · decided { $decided } · open { $open } · overdue now { $overdue }
desk-report-on-time = ⏱ Decided on time: { $first } · appeals on time: { $appeal }
desk-report-times = ⌛ Working hours to claim { $claim } · to first answer { $answer } · to decision { $decision }
desk-report-outcomes = ⚖️ Approved { $approved } · in part { $partial } · rejected { $rejected } · closed undecided { $closed } · appealed { $appealed } · reopened { $reopened }
desk-report-money = 💰 Claimed { $claimed } · granted { $granted }
desk-report-orders = 🧾 Purchases against the bills: found { $found } · refunded already { $refunded } · never charged { $voided } · unclear { $ambiguous } · not found { $missing }
desk-report-stars = ⭐ { $average } / 5 from { $count ->
        [one] one rating
       *[other] { $count } ratings
    }
desk-report-by-agent = <b>By agent</b> (received · decided · on time)
desk-report-agent-line = • { $agent }: { $received } · { $decided } · { $on_time }
desk-report-agent = { $name }
desk-report-unassigned = Not claimed
desk-report-problem-minor-purchase = Child's purchase
desk-report-problem-payment-failed = Failed or double charge
desk-report-problem-not-activated = Not activated
desk-report-problem-other = Other
desk-report-unknown-period = "{ $period }" is not a period I know: use /report, /report week, /report month or /report 2026-09.
desk-report-chart-caption = 📊 { $team }, { $period }
desk-report-csv-caption = One row per case received in the period (no personal data).
desk-report-digest-intro = 🗓 This week's figures:
# Chart labels (the picture under /report).
desk-report-chart-days = Cases per day
desk-report-chart-received = received
desk-report-chart-decided = decided
desk-report-chart-on-time = decided on time
desk-report-chart-outcomes = Outcomes
desk-report-chart-approved = approved
desk-report-chart-partial = in part
desk-report-chart-rejected = rejected
desk-report-chart-open = open
desk-report-chart-decision-time = Working hours to decision
desk-report-chart-cases = cases
desk-report-chart-under-half-day = under ½ day
desk-report-chart-under-day = ½–1 day
desk-report-chart-under-two-days = 1–2 days
desk-report-chart-under-week = 2–5 days
desk-report-chart-longer = over 5 days
# Satisfaction: the parent's rating and comment, on the card and in the case's thread.
desk-card-rating = ⭐ Parent's rating: { $stars } ({ $count }/5)
desk-card-rating-comment = 💬 Parent's comment: { $text }
desk-rating-posted = ⭐ <b>{ $reference }</b>: the parent rated the handling { $stars } ({ $count }/5).
desk-rating-comment-posted = 💬 <b>{ $reference }</b>, the parent's comment on the handling: { $text }
rating-comment-ask = If you'd like to tell us more about how your claim was handled, write it in your next message.
rating-comment-thanks = Thank you, your comment has been passed on to the support team.
# The supervisors' web page (/dashboard).
dashboard-link = Your sign-in link to the supervisors' page (valid { $minutes } minutes, once, for you only): { $url }
dashboard-refused = This command is for the support team's supervisors.
dashboard-off = The supervisors' web page is not set up on this bot.
desk-web-title = Supervisors' desk
desk-web-signin-refused = This sign-in link has been used already or has expired, or you are not signed in. Type /dashboard to the bot in Telegram for a new link.
desk-web-signin-button = Sign in
desk-web-period = Period (week, month, 2026-09)
desk-web-team = Team
desk-web-show = Show
desk-web-any = Any
desk-web-by-agent = By agent
desk-web-by-platform = By platform
desk-web-by-problem = By kind of problem
desk-web-by-language = By language
desk-web-cases-link = The cases, with filters →
desk-web-cases-title = Cases
desk-web-case-title = Case { $reference }
desk-web-count = { $count ->
        [one] One case (newest first)
       *[other] { $count } cases (newest first)
    }
desk-web-min-amount = Claimed at least
desk-web-search = Reference or account
desk-web-overdue = Overdue only
desk-web-col-reference = Reference
desk-web-col-submitted = Received
desk-web-col-status = Status
desk-web-col-platform = Platform
desk-web-col-problem = Kind of problem
desk-web-col-language = Language
desk-web-col-account = Account
desk-web-col-claimed = Claimed
desk-web-col-agent = Agent
desk-web-col-due = Deadline
desk-web-col-decision = Decision
desk-web-col-when = When
desk-web-col-amount = Amount
desk-web-col-order = Order number
desk-web-col-what = What happened
desk-web-col-name = Name
desk-web-col-received = Received
desk-web-col-decided = Decided
desk-web-col-on-time = On time
desk-web-col-decision-time = Working hours to decision
desk-web-purchases = Purchases
desk-web-timeline = Timeline
desk-web-files = { $count ->
        [one] One file
       *[other] { $count } files
    }
desk-web-event-submitted = Sent by the parent
desk-web-event-claimed = Claimed
desk-web-event-unclaimed = Unclaimed
desk-web-event-asked = Question to the parent
desk-web-event-relayed = Message to the parent
desk-web-event-parent-message = Message from the parent
desk-web-event-decided = Decided
desk-web-event-appealed = Appealed by the parent
desk-web-event-escalated = Escalated
desk-web-event-overdue = Deadline missed
desk-web-event-reopened = Reopened
desk-web-event-closed = Closed
desk-web-event-moved = Moved to another team
desk-web-event-rated = Rated by the parent
desk-web-event-comment = Comment from the parent
desk-web-event-erased = Personal data erased
desk-web-col-bills = In the bills
desk-web-verdict-found = found
desk-web-verdict-likely = probably found (amount and time)
desk-web-verdict-refunded = refunded already
desk-web-verdict-voided = never charged
desk-web-verdict-ambiguous = several possible orders
desk-web-verdict-not-found = not found
