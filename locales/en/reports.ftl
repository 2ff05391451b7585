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
