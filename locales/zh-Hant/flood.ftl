## 防止洗版（問題 #10）

# 一分鐘內傳送過多訊息時提示一次。
flood-notice = 您傳訊息的速度太快了，我暫時停止了讀取。請稍候片刻，再重新傳送我漏掉的內容，我會讀到的。

# 家長的訊息被合併傳送，以免客服群組被洗版。
parent-relayed-together = 已收到（申請 <b>{ $reference }</b>）。您寫得比較快，客服稍後會一併收到您最近的幾則訊息。我們會在這裡回覆您。

# 在申請的主題中：家長在一分鐘內被暫緩的訊息，合併為一則。
relay-digest = 👤 家長（{ $reference }）連續傳來的另外 { $count } 則訊息：
relay-digest-item = • { $text }
relay-digest-item-edited = • （更正了先前的訊息）{ $text }
relay-digest-item-with-files = • { $text }（📎 { $count } 個檔案，見下方）
relay-digest-item-files = • 📎 { $count } 個檔案，見下方
relay-digest-album = 👤 家長（{ $reference }）：以上訊息中的 { $count } 個檔案
