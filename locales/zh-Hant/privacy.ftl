## 家長掌握自己的資料：/mydata、/delete、/notifications

mydata-caption = 📄 我們保存的關於您和您的申請的所有資料，彙整在一個檔案中（JSON 格式）。時間同時以 UTC 和您所在的時區顯示。
mydata-caption-files = 📄 我們保存的關於您和您的申請的所有資料，打包在一個 ZIP 壓縮檔中：資料在一個檔案裡（JSON 格式，時間同時以 UTC 和您所在的時區顯示），您傳送的截圖和文件按申請分資料夾存放。
mydata-caption-left-out = 📄 我們保存的關於您和您的申請的所有資料，連同您傳送的截圖和文件。有 { $count } 個檔案沒能放進去：Telegram 機器人一次最多只能傳送 { $limit } MB。JSON 檔案中列出了這些檔案，它們仍隨您的申請保存。
mydata-file-left-out = 未放入此壓縮檔：加上它，壓縮檔會超過 Telegram 機器人一次最多能傳送的 { $limit } MB。該檔案仍隨您的申請保存。
mydata-file-missing = 未放入此壓縮檔：製作壓縮檔時在儲存空間中找不到該檔案。

erase-confirm =
    <b>要刪除您的資料嗎？</b>
    我們保存的關於您的一切都將被刪除：您的回答、截圖、申請和訊息。客服團隊只保留匿名數據（平台、金額、日期、處理結果）作為統計之用。刪除後無法復原。
erase-confirm-open = 您仍在處理中的申請（{ $references }）將會結案，客服團隊將停止處理。
button-erase-confirm = 🗑 全部刪除
button-erase-cancel = 保留我的資料
erase-cancelled = 沒有刪除任何內容。
erase-expired = 這個確認已經過期。如果仍想刪除您的資料，請重新傳送 /delete。
erase-done = ✅ 已完成：我們保存的關於您的一切都已刪除。如果您再次聯絡我們，我們會當作第一次聯絡，從頭開始。

notifications-on-now = 🔔 進度通知已<b>開啟</b>：申請處理期間，我每隔幾天會告訴您最新進展。客服團隊的處理結果和提問一定會傳送給您。
notifications-muted-now = 🔕 進度通知已<b>關閉</b>。客服團隊的處理結果和提問仍會傳送給您。
button-check-ins-mute = 🔕 關閉進度通知
button-check-ins-unmute = 🔔 開啟進度通知
notifications-muted = 🔕 進度通知已關閉。處理結果和客服的提問仍會第一時間通知您。
notifications-on = 🔔 進度通知已重新開啟。

command-mydata = 取得您的資料副本
command-delete = 刪除您的資料
command-notifications = 開啟或關閉進度通知

## 客服團隊的群組（使用客服的語言）

desk-case-erased = 🗑 { $reference }：家長要求刪除其資料。此案件已結案並匿名化，無法再傳訊息給家長。
desk-card-anonymized = 🗑 已匿名化：家長的個人資料和證明資料已刪除。
desk-refused-anonymized = { $reference } 已匿名化，無法再進行任何操作。
