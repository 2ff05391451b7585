## 案件未能轉交到客服群組：在群組內通知主管

handoff-alert = ⚠️ 案件 <b>{ $reference }</b> 未能傳送到本群組：已嘗試 { $attempts } 次皆失敗。Telegram 的回覆：{ $problem }
    機器人會每 { $minutes } 分鐘重試一次。請檢查機器人在本群組的權限（傳送訊息、管理話題），或告知機器人的管理員。
handoff-alert-internal = ⚠️ 案件 <b>{ $reference }</b> 未能傳送到本群組：已嘗試 { $attempts } 次，皆因機器人本身的錯誤而失敗（{ $problem }）。
    機器人會每 { $minutes } 分鐘重試一次。請告知機器人的管理員：詳細資訊在其日誌中。
handoff-recovered = ✅ 案件 <b>{ $reference }</b> 現已傳送到本群組。
