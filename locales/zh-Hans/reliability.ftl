## 案件未能转交到客服群：在群内通知主管

handoff-alert = ⚠️ 案件 <b>{ $reference }</b> 未能发送到本群：已尝试 { $attempts } 次均失败。Telegram 的答复：{ $problem }
    机器人会每 { $minutes } 分钟重试一次。请检查机器人在本群的权限（发送消息、管理话题），或告知机器人的管理员。
handoff-alert-internal = ⚠️ 案件 <b>{ $reference }</b> 未能发送到本群：已尝试 { $attempts } 次，均因机器人自身的错误而失败（{ $problem }）。
    机器人会每 { $minutes } 分钟重试一次。请告知机器人的管理员：详细信息在其日志中。
handoff-recovered = ✅ 案件 <b>{ $reference }</b> 现已发送到本群。
