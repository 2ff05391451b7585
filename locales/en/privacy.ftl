## The parent's data under their control: /mydata, /delete, /notifications

mydata-caption = 📄 Everything we keep about you and your claims, in one file (JSON). Times are given in UTC and in your time zone.
mydata-caption-files = 📄 Everything we keep about you and your claims, in one ZIP archive: the data in one file (JSON; times in UTC and in your time zone), and the screenshots and documents you sent, in a folder per claim.
mydata-caption-left-out = 📄 Everything we keep about you and your claims, with the screenshots and documents you sent. { $count ->
        [one] One file did not fit
       *[other] { $count } files did not fit
    }: a Telegram bot can send at most { $limit } MB at once. The JSON file lists { $count ->
        [one] it, and it is
       *[other] them, and they are
    } still kept with your claim.
mydata-file-left-out = Not in this archive: with it, the archive would be larger than the { $limit } MB a Telegram bot can send at once. It is still kept with your claim.
mydata-file-missing = Not in this archive: it could not be found in storage when the archive was made.

erase-confirm =
    <b>Erase your data?</b>
    This deletes everything we keep about you: your answers, your screenshots, your claims and your messages. The support team keeps only anonymous figures (platform, amounts, dates, decision) for its statistics. This cannot be undone.
erase-confirm-open = Your claims still being handled ({ $references }) will be closed: the support team will stop working on them.
button-erase-confirm = 🗑 Erase everything
button-erase-cancel = Keep my data
erase-cancelled = Nothing was erased.
erase-expired = That confirmation has expired. Send /delete again if you still want your data erased.
erase-done = ✅ Done: everything we kept about you has been erased. If you write again, we start from scratch, as with someone new.

notifications-on-now = 🔔 Progress updates are <b>on</b>: while a claim is open, I tell you every few days where it stands. Decisions and questions from the support team always reach you.
notifications-muted-now = 🔕 Progress updates are <b>off</b>. Decisions and questions from the support team still reach you.
button-check-ins-mute = 🔕 Turn progress updates off
button-check-ins-unmute = 🔔 Turn progress updates on
notifications-muted = 🔕 Progress updates are off. You will still hear at once about decisions and questions.
notifications-on = 🔔 Progress updates are on again.

command-mydata = Get a copy of your data
command-delete = Erase your data
command-notifications = Progress updates on or off

## Support team's group (in the agents' language)

desk-case-erased = 🗑 { $reference }: the parent asked for their data to be erased. The case is closed and anonymized; they can no longer be written to.
desk-card-anonymized = 🗑 Anonymized: the parent's details and evidence were erased.
desk-refused-anonymized = { $reference } was anonymized: nothing more can be done with it.
