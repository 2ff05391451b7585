## The console (refund-desk console) only: what the console says itself, in the parent's
## language, between the bot's messages. Never sent on Telegram.

console-help =
    In this console only:
    /as agent — become a support agent in the agents' group: press the card's buttons, write in the claim's topic
    /as parent — be the parent again
    /clock +1d — move the clock forward (also +3h, +30m) to see reminders and deadlines come
    /clock — the time it is for the bot
console-help-agent =
    You are an agent in the agents' group. Type a button's number or label to press it; anything else you type goes to the current topic and reaches the parent, unless it starts with #note.
    { $case } K7QM4 — a claim's card again; its topic becomes the current one
    /queue, /mine — the open claims
    /as parent — be the parent again
    /clock +1d — move the clock forward (also +3h, +30m)
# The name the console's agent goes by on the card (parents see "Support").
console-agent-name = Alex
console-role-agent = You are now { $name }, an agent in the agents' group. The numbered buttons are the card's; what you type goes to topic #{ $topic }.
console-role-agent-no-case = You are now { $name }, an agent in the agents' group. No claim has reached it yet: type /as parent and submit one.
console-role-parent = You are the parent again. The numbered buttons are those of the bot's last message to you.
console-as-usage = Type /as agent or /as parent.
console-real-group = The agents' group set in [agents] chat_id is a real Telegram group: its side runs on Telegram (refund-desk run), not in this console.
console-no-topic = No claim has reached the agents' group yet: there is no topic to write in.
console-clock-now = The bot's clock: { $when } ({ $zone }).
console-clock-usage = Move the clock forward with /clock +1d, /clock +3h or /clock +30m.
console-clock-fixed = This console's clock cannot be moved.
console-topic-created = New topic #{ $topic } in the agents' group: { $name }
console-in-group = In the agents' group:
console-in-topic = In the agents' group, topic #{ $topic }:
console-edited-in-group = Edited in the agents' group:
console-edited-in-topic = Edited in the agents' group, topic #{ $topic }:
console-to-parent = To the parent:
console-edited-to-parent = Edited, in the parent's chat:
console-edited = Edited:
