## Hand-offs that do not get through: told to the supervisors in the agents' group

handoff-alert = ⚠️ Case <b>{ $reference }</b> has not reached this group: { $attempts } attempts failed. Telegram says: { $problem }
    The bot keeps trying every { $minutes ->
        [one] minute
       *[other] { $minutes } minutes
    }. Please check what the bot may do in this group (send messages, manage topics), or tell whoever runs the bot.
handoff-alert-internal = ⚠️ Case <b>{ $reference }</b> has not reached this group: { $attempts } attempts failed on an error in the bot itself ({ $problem }).
    The bot keeps trying every { $minutes ->
        [one] minute
       *[other] { $minutes } minutes
    }. Please tell whoever runs the bot: the details are in its log.
handoff-recovered = ✅ Case <b>{ $reference }</b> has now reached this group.
