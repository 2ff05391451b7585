# Refund Desk — 繁體中文：/status，家長查看自己的申請（handlers/aftercare/status.py）。
# 每則訊息都必須在 locales/ 下的所有語言中存在。

## 清單中和詳細資料中的一份申請

# 把幾行合成一段；各語言內容相同。
status-lines =
    { $first }
    { $rest }
status-case = 申請 <b>{ $reference }</b>（{ $platform }）：{ $status }
status-claimed = 申請金額：{ $amount }
status-refund = 確定退款：{ $amount }
status-not-approved = 未獲批准：{ $reason }
status-due = 預計在 { $due } 前給出處理結果
status-overdue = ⏰ 處理結果原定在 { $due } 前給出，抱歉讓您久等了，我們正在跟進。
status-timeline = <i>處理進度：</i>
status-event = • { $when }：{ $what }
status-compact = <b>{ $reference }</b>（{ $submitted } 送出）：{ $status } · { $claimed }
status-more = ……另有 { $count } 份較早的申請。要查看其中一份，請傳送 /status 加上申請編號，例如 <code>/status K7QM4</code>。
status-pick = 按一下申請，就可以查看詳細資料、補充留言或補充證明資料。
status-unknown = 在您的申請中找不到編號 { $reference }。申請編號在您送出申請時收到的訊息裡；傳送 /status 可以查看您的所有申請。

## 補充申請

status-write-message = 請現在寫下關於 <b>{ $reference }</b> 的留言，會直接轉給客服團隊。
status-send-evidence = 請現在傳送 <b>{ $reference }</b> 的截圖或檔案（可以一次傳多張），會直接轉給客服團隊。
status-closed-no-message = 您的申請 <b>{ $reference }</b> 已結案，無法再補充內容。如有需要，請傳送 /start 提出新的申請。
status-finish-intake-first = 您正在填寫一份新的申請，下一則訊息會被當成這份申請的回答。請先填完（或傳送 /cancel），再按一次 <b>{ $reference }</b> 的按鈕。
status-finish-appeal-first = 您正在為 <b>{ $reference }</b> 填寫申訴，下一則訊息會被加到申訴裡。請先送出或取消申訴，再按一次按鈕。
button-status-open = 📄 查看 { $reference }
button-status-message = ✉️ 補充留言
button-status-evidence = 📎 補充證明資料
button-status-all = ⬅️ 我的所有申請

## 處理進度，每一步一行（這裡從不顯示客服的名字）

timeline-submitted = 您送出了申請
timeline-claimed = 客服已開始處理
timeline-asked = 客服向您提出了問題
timeline-support-message = 客服傳了 { $count } 則訊息給您
timeline-parent-message = 您傳了 { $count } 則訊息
timeline-approved = 全額批准
timeline-partial = 部分批准
timeline-rejected = 未獲批准
timeline-decided = 已有處理結果
timeline-appealed = 您提出了申訴
timeline-escalated = 已轉交主管
timeline-closed = 已結案
timeline-reopened = 已重新開啟，重新審核
