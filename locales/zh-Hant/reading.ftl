# 截圖辨識（#16）：截圖上讀到的內容請家長確認；被拒收的檔案；卡片下給客服的核對結果。

reading-offer = 📷 我從您的截圖中讀到：
reading-offer-amount = • 金額：<b>{ $money }</b>
reading-offer-when = • 付款時間：<b>{ $when }</b>
reading-offer-order = • 訂單編號：<b>{ $order }</b>
reading-offer-question = 把這些當作第 { $number } 筆消費嗎？您確認之前不會儲存。
button-reading-use = ✅ 就用這些
button-reading-amount = ✏️ 改金額
button-reading-time = ✏️ 改時間
button-reading-order = ✏️ 改訂單編號
button-reading-no = ⌨️ 我自己輸入
reading-used = 已依截圖填寫。
reading-declined = 好的：截圖仍附在申請中，詳細資料請您自行輸入。
reading-file-refused = { $reason ->
    [size] 無法保存「{ $name }」：檔案有 { $size } MB，上限是 { $limit } MB。傳截圖就夠了。
    [type] 無法保存「{ $name }」：它其實不是圖片或PDF。請傳送截圖或PDF檔案。
   *[gone] 無法從 Telegram 取得「{ $name }」，請重新傳送。
}
card-reading-agrees = 📷 截圖 { $number }：✅ { $what ->
    [amount] 金額相符
    [time] 時間相符
    [order] 訂單編號相符
    [amount-time] 金額和時間相符
    [amount-order] 金額和訂單編號相符
    [time-order] 時間和訂單編號相符
   *[amount-time-order] 金額、時間和訂單編號相符
}
card-reading-amount-differs = 📷 截圖 { $number }：⚠️ 截圖顯示 { $read }，申請填寫 { $claimed }
card-reading-time-differs = 📷 截圖 { $number }：⚠️ 截圖顯示 { $read }，申請填寫 { $claimed }
card-reading-order-differs = 📷 截圖 { $number }：⚠️ 截圖上的訂單編號是 { $read }，申請填寫 { $claimed }
card-reading-order = 📷 截圖 { $number }：從截圖讀到訂單編號 { $order }
card-reading-unmatched = 📷 截圖 { $number }：讀到 { $read }，與申請中的消費都不相符
