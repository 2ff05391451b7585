# Screenshots read (#16): what a screenshot said, offered to the parent; refused files;
# the agents' cross-check under the card.

reading-offer = 📷 On your screenshot I read:
reading-offer-amount = • Amount: <b>{ $money }</b>
reading-offer-when = • Paid on: <b>{ $when }</b>
reading-offer-order = • Order number: <b>{ $order }</b>
reading-offer-question = Use these for purchase { $number }? Nothing is saved until you say so.
button-reading-use = ✅ Use these
button-reading-amount = ✏️ Fix the amount
button-reading-time = ✏️ Fix the time
button-reading-order = ✏️ Fix the order no.
button-reading-no = ⌨️ I'll type them
reading-used = Taken from your screenshot.
reading-declined = All right: the screenshot stays with your claim, and you type the details.
reading-file-refused = { $reason ->
    [size] I can't keep "{ $name }": it is { $size } MB and the limit is { $limit } MB. A screenshot is enough.
    [type] I can't keep "{ $name }": it is not really a picture or a PDF. Please send a screenshot or a PDF.
   *[gone] I couldn't get "{ $name }" from Telegram. Please send it again.
}
card-reading-agrees = 📷 Screenshot { $number }: ✅ { $what ->
    [amount] amount matches
    [time] time matches
    [order] order number matches
    [amount-time] amount and time match
    [amount-order] amount and order number match
    [time-order] time and order number match
   *[amount-time-order] amount, time and order number match
}
card-reading-amount-differs = 📷 Screenshot { $number }: ⚠️ screenshot says { $read }, claim says { $claimed }
card-reading-time-differs = 📷 Screenshot { $number }: ⚠️ screenshot says { $read }, claim says { $claimed }
card-reading-order-differs = 📷 Screenshot { $number }: ⚠️ order number on the screenshot is { $read }, claim says { $claimed }
card-reading-order = 📷 Screenshot { $number }: order number read from the screenshot: { $order }
card-reading-unmatched = 📷 Screenshot { $number }: read { $read }, matching no purchase in the claim
