## 僅限控制台（refund-desk console）：控制台自己說的話，使用家長的語言，夾在機器人的訊息之間。
## 不會在 Telegram 上傳送。

console-help =
    僅在本控制台中可用：
    /as agent — 切換為客服團隊中的客服人員，進入客服群組：按申請卡片上的按鈕，在申請的主題中發言
    /as parent — 切換回家長
    /clock +1d — 把時鐘往後撥（也可 +3h、+30m），看提醒和截止時間如何觸發
    /clock — 查看機器人目前的時間
console-help-agent =
    您現在是客服群組中的客服人員。輸入按鈕的編號或文字即可按下它；其他內容會發到目前的主題並轉給家長（以 #note 開頭的除外）。
    { $case } K7QM4 — 再次顯示某份申請的卡片，並把它的主題設為目前的主題
    /queue、/mine — 處理中的申請
    /as parent — 切換回家長
    /clock +1d — 把時鐘往後撥（也可 +3h、+30m）
# 控制台中客服人員在卡片上顯示的名字（家長看到的是「客服」）。
console-agent-name = 小陳
console-role-agent = 您現在是 { $name }，客服群組中的客服人員。有編號的按鈕是申請卡片上的；您輸入的內容會發到主題 #{ $topic }。
console-role-agent-no-case = 您現在是 { $name }，客服群組中的客服人員。目前還沒有申請轉到這裡：請輸入 /as parent 並送出一份。
console-role-parent = 您又是家長了。有編號的按鈕是機器人傳給您的最後一則訊息上的。
console-as-usage = 請輸入 /as agent 或 /as parent。
console-real-group = [agents] chat_id 設定的客服群組是真實的 Telegram 群組：客服這一側在 Telegram 上執行（refund-desk run），不在本控制台中。
console-no-topic = 還沒有申請轉到客服群組，因此沒有可以發言的主題。
console-clock-now = 機器人的時鐘：{ $when }（{ $zone }）。
console-clock-usage = 用 /clock +1d、/clock +3h 或 /clock +30m 把時鐘往後撥。
console-clock-fixed = 本控制台的時鐘無法調整。
console-topic-created = 客服群組中的新主題 #{ $topic }：{ $name }
console-in-group = 在客服群組中：
console-in-topic = 在客服群組的主題 #{ $topic } 中：
console-edited-in-group = 在客服群組中被修改：
console-edited-in-topic = 在客服群組的主題 #{ $topic } 中被修改：
console-to-parent = 傳給家長：
console-edited-to-parent = 在與家長的對話中被修改：
console-edited = 已修改：
