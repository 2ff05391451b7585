## Amounts and times that were understood but cannot be taken as they are (handlers/parsing/,
## docs/parsing.md): an estimate or a range instead of the amount charged, and a time of day
## given only as a part of the day, shown back as the guess it is.

error-amount-vague = That sounds like an estimate, and a claim needs the exact amount that was charged: the refund is made for that figure. You'll find it in { $record }. Please send it, for example "328 yuan" or "9.99 USD".
error-amount-range = That's a range, and a claim needs the one amount that was charged. Please look it up in { $record } and send that figure, for example "328 yuan" or "9.99 USD". Several charges? Send one now: you can add the others next.
# The day, then the part of the day the parent gave and the hour assumed for it, e.g.
# "Thu, Nov 19, 2026, in the evening, around 8:00 PM".
tx-when-vague = { $day }, { $period ->
        [morning] in the morning
        [noon] around lunchtime
        [afternoon] in the afternoon
        [dusk] early in the evening
        [evening] in the evening
        [night] at night
        [late] late at night
        [dawn] in the early hours
       *[other] during the day
    }, around { $time }
tx-time-vague = (You gave only the part of the day, so the time is a guess. If the payment record shows the exact time, tap "No, change it", then "The date and time", and write it: it helps find the charge.)
