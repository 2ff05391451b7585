## 家长掌控自己的数据：/mydata、/delete、/notifications

mydata-caption = 📄 我们保存的关于您和您的申请的全部信息，汇总在一个文件里（JSON 格式）。时间同时以 UTC 和您所在的时区显示。
mydata-caption-files = 📄 我们保存的关于您和您的申请的全部信息，打包在一个 ZIP 压缩包里：数据在一个文件中（JSON 格式，时间同时以 UTC 和您所在的时区显示），您发送的截图和文件按申请分文件夹存放。
mydata-caption-left-out = 📄 我们保存的关于您和您的申请的全部信息，连同您发送的截图和文件。有 { $count } 个文件没能放进去：Telegram 机器人一次最多只能发送 { $limit } MB。JSON 文件里列出了这些文件，它们仍随您的申请保存。
mydata-file-left-out = 未放入此压缩包：加上它，压缩包会超过 Telegram 机器人一次最多能发送的 { $limit } MB。该文件仍随您的申请保存。
mydata-file-missing = 未放入此压缩包：制作压缩包时在存储中找不到该文件。

erase-confirm =
    <b>要删除您的数据吗？</b>
    我们保存的关于您的一切都将被删除：您的回答、截图、申请和消息。客服团队只保留匿名数据（平台、金额、日期、处理结果）用于统计。删除后无法恢复。
erase-confirm-open = 您仍在处理中的申请（{ $references }）将会结案，客服团队将停止处理。
button-erase-confirm = 🗑 全部删除
button-erase-cancel = 保留我的数据
erase-cancelled = 没有删除任何内容。
erase-expired = 这个确认已过期。如果仍想删除您的数据，请重新发送 /delete。
erase-done = ✅ 已完成：我们保存的关于您的一切都已删除。如果您再次联系我们，我们会像对待新用户一样从头开始。

notifications-on-now = 🔔 进度通知已<b>开启</b>：申请处理期间，我每隔几天告诉您最新进展。客服团队的处理结果和提问一定会发送给您。
notifications-muted-now = 🔕 进度通知已<b>关闭</b>。客服团队的处理结果和提问仍会发送给您。
button-check-ins-mute = 🔕 关闭进度通知
button-check-ins-unmute = 🔔 开启进度通知
notifications-muted = 🔕 进度通知已关闭。处理结果和客服的提问仍会第一时间通知您。
notifications-on = 🔔 进度通知已重新开启。

command-mydata = 获取您的数据副本
command-delete = 删除您的数据
command-notifications = 开启或关闭进度通知

## 客服团队的群组（使用客服的语言）

desk-case-erased = 🗑 { $reference }：家长要求删除其数据。此案件已结案并匿名化，无法再给家长发消息。
desk-card-anonymized = 🗑 已匿名化：家长的信息和凭证已删除。
desk-refused-anonymized = { $reference } 已匿名化，无法再进行任何操作。
