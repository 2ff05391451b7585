## 防止刷屏（问题 #10）

# 一分钟内发送过多消息时提示一次。
flood-notice = 您发消息的速度太快了，我暂时停止了读取。请稍等片刻，然后重新发送我漏掉的内容，我会读到的。

# 家长的消息被合并发送，以免客服群被刷屏。
parent-relayed-together = 已收到（申请 <b>{ $reference }</b>）。您写得比较快，客服稍后会一并收到您最近的几条消息。我们会在这里回复您。

# 在申请的话题中：家长在一分钟内被暂缓的消息，合并为一条。
relay-digest = 👤 家长（{ $reference }）连续发来的另外 { $count } 条消息：
relay-digest-item = • { $text }
relay-digest-item-edited = • （更正了之前的消息）{ $text }
relay-digest-item-with-files = • { $text }（📎 { $count } 个文件，见下方）
relay-digest-item-files = • 📎 { $count } 个文件，见下方
relay-digest-album = 👤 家长（{ $reference }）：以上消息中的 { $count } 个文件
