## 仅限控制台（refund-desk console）：控制台自己说的话，使用家长的语言，夹在机器人的消息之间。
## 不会在 Telegram 上发送。

console-help =
    仅在本控制台中可用：
    /as agent — 切换为客服团队中的客服，进入客服群：按申请卡片上的按钮，在申请的话题中发言
    /as parent — 切换回家长
    /clock +1d — 把时钟往后拨（也可 +3h、+30m），看提醒和截止时间如何触发
    /clock — 查看机器人当前的时间
console-help-agent =
    您现在是客服群中的客服。输入按钮的编号或文字即可按下它；其他内容会发到当前话题并转给家长（以 #note 开头的除外）。
    { $case } K7QM4 — 再次显示某份申请的卡片，并把它的话题设为当前话题
    /queue、/mine — 处理中的申请
    /as parent — 切换回家长
    /clock +1d — 把时钟往后拨（也可 +3h、+30m）
# 控制台中客服在卡片上显示的名字（家长看到的是“客服”）。
console-agent-name = 小王
console-role-agent = 您现在是 { $name }，客服群中的客服。带编号的按钮是申请卡片上的；您输入的内容会发到话题 #{ $topic }。
console-role-agent-no-case = 您现在是 { $name }，客服群中的客服。目前还没有申请转到这里：请输入 /as parent 并提交一份。
console-role-parent = 您又是家长了。带编号的按钮是机器人发给您的最后一条消息上的。
console-as-usage = 请输入 /as agent 或 /as parent。
console-real-group = [agents] chat_id 设置的客服群是真实的 Telegram 群组：客服一侧在 Telegram 上运行（refund-desk run），不在本控制台中。
console-no-topic = 还没有申请转到客服群，因此没有可以发言的话题。
console-clock-now = 机器人的时钟：{ $when }（{ $zone }）。
console-clock-usage = 用 /clock +1d、/clock +3h 或 /clock +30m 把时钟往后拨。
console-clock-fixed = 本控制台的时钟无法调整。
console-topic-created = 客服群中的新话题 #{ $topic }：{ $name }
console-in-group = 在客服群中：
console-in-topic = 在客服群的话题 #{ $topic } 中：
console-edited-in-group = 在客服群中被修改：
console-edited-in-topic = 在客服群的话题 #{ $topic } 中被修改：
console-to-parent = 发给家长：
console-edited-to-parent = 在与家长的对话中被修改：
console-edited = 已修改：
