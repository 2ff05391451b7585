# Refund Desk — Traditional Chinese (zh-Hant, Taiwan / Hong Kong). Same message ids and
# parameters as locales/en/main.ftl. Chinese has no plural forms, so counts are used directly.

## Start, consent, help

welcome = 👋 您好！我是退款小幫手 Refund Desk。如果孩子沒經過您同意就在 App 裡付了錢，或是您被重複扣款、付款失敗卻被扣了錢，又或是付了錢服務卻一直沒開通，我可以幫您申請退款。整個過程大約五分鐘。
ask-consent =
    <b>開始之前：關於您的隱私</b>
    為了處理您的申請，我需要保存您在這裡提供的資料：帳號、消費紀錄、截圖，如果和孩子有關，還有孩子的年齡。這些資料只有我們的客服團隊看得到，也只會用來處理您的申請。申請結案、法定保存期限屆滿後，資料就會刪除。
    請問您同意嗎？
button-consent-yes = ✅ 我同意
button-consent-no = 不用了，謝謝
consent-declined = 了解，我不會保存任何資料。沒有您的同意，我無法受理申請；不過您隨時可以傳送 /start 再回來找我。
help =
    我一次只問一個問題；需要選擇時，會出現按鈕。
    /start — 開始申請，或繼續之前沒填完的申請
    /status — 查看您的申請和處理進度
    /routes — 其他求助途徑
    /language — 切換語言
    /timezone — 變更時區（用來判斷消費時間）
    /notifications — 開啟或關閉進度通知
    /mydata — 取得我們保存的您的全部資料
    /delete — 刪除您的資料
    /cancel — 放棄正在填寫的申請
hint-start = 傳送 /start 就可以開始申請。
resume-question = 您在 { $started } 開始的申請還沒填完。要從上次停下的地方繼續嗎？
button-resume = ▶️ 繼續填寫
button-restart = 🔄 重新開始
cancelled = 沒填完的申請已經放棄。想重新開始時，隨時傳送 /start。
nothing-to-cancel = 目前沒有正在填寫的申請，不需要取消。
case-already-submitted = 您的申請 <b>{ $reference }</b> 已經交給客服團隊，他們會在這裡回覆您。如果要提出新的申請，請傳送 /start。

## Language and time zone

ask-language = 您想使用哪一種語言？
language-name-en = English
language-name-fr = Français
language-name-zh-Hans = 简体中文
language-name-zh-Hant = 繁體中文
language-changed = 好的，接下來我會用繁體中文和您溝通。
ask-timezone = 您目前的時區是 <b>{ $timezone }</b>。我會用它來理解「昨天晚上9點」這類時間。請在下方選擇您所在的時區，或是傳送 /timezone 加上時區名稱（例如 Asia/Taipei、Asia/Hong_Kong）或時差（例如 UTC+8）。
timezone-button = { $zone }
timezone-changed = 時區已設定為 <b>{ $timezone }</b>。
error-timezone = 我不認得「{ $value }」這個時區。請試試 Asia/Taipei、Asia/Hong_Kong 這類名稱，或 UTC+8 這類時差。

## The questions

ask-platform = 錢是花在哪個 App 或平台上？
platform-douyin = 抖音
platform-tiktok = TikTok
platform-wechat = 微信小程式/小遊戲
platform-kuaishou = 快手
platform-other = 其他
platform-custom = { $name }
# 句中使用的平台名稱（「在抖音上消費的是哪個帳號？」）。
platform-inline-douyin = 抖音
platform-inline-tiktok = TikTok
platform-inline-wechat = 微信
platform-inline-kuaishou = 快手
ask-platform-other = 這個 App 或平台叫什麼名字？

ask-problem = 發生了什麼事？
problem-minor-purchase = 孩子沒經過我同意就付了錢
problem-payment-failed = 付款失敗卻被扣款，或被重複扣款
problem-not-activated = 付了錢，但服務一直沒開通
problem-other = 其他狀況

ask-writer = 請問現在是誰在填寫？
writer-parent = 家長
writer-guardian = 其他監護人
writer-minor = 孩子本人
writer-other = 其他人

ask-minor-age = 孩子幾歲？直接寫數字就可以，例如 12。
error-age = 請用數字填寫孩子的年齡，介於 { $low } 到 { $high } 歲之間，例如 12。
error-age-range = { $age } 歲不在未成年人申請的年齡範圍內（{ $low }–{ $high } 歲）。請再確認一下孩子的年齡。

ask-account = 在{ $platform }上消費的是哪個帳號？請提供帳號 ID、帳號名稱或註冊用的手機號碼，App 個人頁面上看得到的都可以。

ask-tx-amount = <b>第 { $number } 筆消費</b>：被扣了多少錢？例如 HK$120、NT$990 或人民幣50元。
error-amount = 無法辨識這個金額。請把金額和幣別一起寫上，例如「HK$120」「NT$990」「人民幣50元」。
ask-tx-time = 是什麼時候扣款的？例如「昨天晚上9點」「11月3日 下午2點10分」或「2025/11/03 14:10」。（依照您的時區 { $timezone } 判斷，傳送 /timezone 可以變更。）
error-time = 無法辨識這個日期和時間。可以試試「昨天晚上9點」「上星期一晚上8點左右」或「2025/11/03 14:10」（時區：{ $timezone }）。
error-time-future = 這個時間還沒到，您那邊現在是 { $now }。請問是什麼時候扣款的？
ask-tx-confirm = <b>{ $when }</b> 扣款 <b>{ $money }</b>，對嗎？
tx-confirm-order = 訂單編號：{ $order }
tx-currency-assumed = （您沒有寫幣別，我先當作 { $currency }。如果不對，請按「不對，修改」，再按「金額」，重新輸入時把幣別也寫上。）
tx-old-warning = ⚠️ 這已經是 { $days } 天前的消費了。比較久以前的消費還是可以申請，但請確認日期正確。
button-tx-correct = ✅ 對，沒錯
button-tx-fix = ✏️ 不對，修改
ask-tx-fix = 第 { $number } 筆消費要修改哪一項？
button-fix-amount = 💰 金額
button-fix-time = 🕘 日期和時間
button-fix-order = 🧾 訂單編號
button-fix-nothing = ↩️ 沒問題，不用改
ask-tx-order = 您有訂單編號（交易編號）嗎？{ $where }有的話請直接傳過來，沒有的話請按下方按鈕。
tx-order-where =
    { $method ->
        [alipay] 在支付寶裡打開「我的 → 帳單」，再按那筆付款，帳單詳情裡的「訂單號」就是。
        [wechat-pay] 在微信裡打開「我 → 服務 → 錢包 → 帳單」，再按那筆付款，「交易單號」就是。
        [bank-card] 信用卡帳單上通常沒有訂單編號，不過銀行 App 裡這筆扣款的明細可能有交易編號。
        [apple] 就是 Apple 收據電子郵件裡的「訂單編號」（Order ID），在 reportaproblem.apple.com 上也查得到。
        [google-play] 就是 Google Play 收據電子郵件裡以 GPA. 開頭的訂單編號，在 Play 商店 App 的訂單紀錄裡也查得到。
        [platform-balance] 在 App 錢包裡打開這筆消費的儲值紀錄或消費紀錄就看得到。
       *[other] 可以在付款紀錄或收據上找到。
    }
button-no-order = 我沒有訂單編號
error-order = 這看起來不像訂單編號：訂單編號由英文字母和數字組成，例如 4200001234202511031234567890。請重新傳送，或按「我沒有訂單編號」。
tx-recorded = 第 { $count } 筆消費已儲存。目前合計：<b>{ $total }</b>。
ask-tx-more = 還有其他消費或扣款要加進來嗎？
button-tx-add = ➕ 再加一筆
button-tx-done = 沒有了
error-tx-max = 一份申請最多只能填 { $max } 筆消費。如果還有更多，請在情況說明裡寫清楚。
ask-tx-list = 您的消費紀錄——請選擇要修改或刪除的那一筆：
button-tx-change = ✏️ 修改第 { $number } 筆
button-tx-remove = 🗑 刪除第 { $number } 筆
button-back-to-review = ↩️ 回到總覽
tx-removed = 第 { $number } 筆消費已刪除。
error-tx-last = 一份申請至少要有一筆消費，請修改這一筆，不要刪除。

ask-payment = 是用什麼方式付款的？
payment-alipay = 支付寶
payment-wechat-pay = 微信支付
payment-bank-card = 信用卡或銀行卡
payment-apple = Apple（App Store）
payment-google-play = Google Play
payment-platform-balance = 平台餘額或虛擬幣
payment-other = 其他
# 句中使用的付款方式（「用支付寶付款的款項……」）。
payment-inline-alipay = 支付寶
payment-inline-wechat-pay = 微信支付
payment-inline-bank-card = 信用卡或銀行卡
payment-inline-apple = App Store
payment-inline-google-play = Google Play
payment-inline-platform-balance = 平台餘額或虛擬幣
ask-payment-other = 是哪一種付款方式？
payment-record =
    { $method ->
        [alipay] 支付寶的帳單詳情（我的 → 帳單）
        [wechat-pay] 微信支付的帳單詳情（我 → 服務 → 錢包 → 帳單）
        [bank-card] 銀行 App 的交易明細或信用卡帳單
        [apple] Apple 寄來的收據電子郵件，或 reportaproblem.apple.com 網站
        [google-play] Google Play 寄來的收據電子郵件，或 Play 商店 App 的訂單紀錄
        [platform-balance] App 錢包裡的儲值紀錄和消費紀錄
       *[other] 付款紀錄或收據
    }

ask-evidence = 接下來請提供證明資料：請傳送 App 裡這筆消費的截圖（錢包或訂單紀錄）和付款的截圖，付款紀錄可以在{ $record }裡找到。圖片或 PDF 都可以，數量不限，一次傳完或分幾則訊息傳都行。完全沒有截圖的話，請按「我沒有截圖」。
evidence-count = 目前已收到 { $count } 個檔案。可以繼續傳送，或按「完成」。
evidence-kept-aside = 收到的 { $count } 個檔案已經加入您這份申請的證明資料。
button-evidence-done = ✅ 完成
button-no-evidence = 我沒有截圖
error-evidence-none = 還沒有收到任何檔案。請至少傳一張截圖，或按「我沒有截圖」。
error-evidence-text = 這一步需要截圖或 PDF 檔案，請用圖片或檔案的方式傳送。如果沒有截圖，請按「我沒有截圖」。
error-evidence-text-more = 這一步需要截圖或 PDF 檔案。可以繼續用圖片或檔案的方式傳送，全部傳完就按「完成」。
error-file-type = 「{ $name }」無法使用：請傳送圖片或 PDF 檔案。
error-file-size = 「{ $name }」太大了（{ $size } MB，上限是 { $limit } MB）。傳截圖就夠了。
error-evidence-max = 一份申請最多保存 { $max } 個檔案，超過的部分沒有保存。

ask-description = 請用您自己的話說說事情經過。任何有幫助的資訊都可以：孩子是怎麼付款的、買了什麼、您已經試過哪些方法。
error-description-short = 請再多說一點，一兩句話就夠了。
ask-contact = 要不要留下其他聯絡方式（電話或電子郵件）？可以不填，我們一定會在這裡回覆您。
button-skip-contact = 跳過

## Review and submit

review-header = <b>請確認您的申請內容</b>
# 每行一項（訊息的各部分之間空一行）；各語言相同。
review-lines =
    { $first }
    { $rest }
review-platform = 平台：{ $value }
review-problem = 問題：{ $value }
review-writer = 填寫人：{ $value }
review-minor-age = 孩子年齡：{ $age } 歲
review-account = 帳號：{ $value }
review-tx-line = { $number }. { $money } — { $when } — 訂單編號：{ $order }
review-total = 合計：<b>{ $total }</b>
review-payment = 付款方式：{ $value }
review-evidence = 證明資料：{ $count } 個檔案
review-no-evidence = 證明資料：無（您表示沒有截圖）
review-description = 情況說明：{ $value }
review-contact = 聯絡方式：{ $value }
review-no-contact = 聯絡方式：只在這裡聯絡
ask-review = 需要修改的話，請按對應的按鈕；確認沒問題就送出申請。
button-edit-platform = ✏️ 平台
button-edit-problem = ✏️ 問題
button-edit-writer = ✏️ 填寫人
button-edit-minor-age = ✏️ 孩子年齡
button-edit-account = ✏️ 帳號
button-edit-transactions = ✏️ 消費紀錄
button-edit-payment = ✏️ 付款方式
button-edit-evidence = ➕ 補充證明資料
button-edit-description = ✏️ 情況說明
button-edit-contact = ✏️ 聯絡方式
button-submit = 📨 送出申請
submitted = ✅ 您的申請已送出，申請編號是 <b>{ $reference }</b>。之後聯絡我們時，請提供這個編號。
submitted-timeline = 接下來：客服人員會審核您的申請，並在 { $days } 個工作天內在這裡回覆您。如果需要其他資料，也會在這裡詢問您。如果您不同意處理結果，可以提出一次申訴。隨時傳送 /status 就能查看進度。

## Status

status-none = 您還沒有送出任何申請。
status-header = <b>您的申請</b>
status-submitted = 已收到，等待客服處理
status-in-review = 審核中
status-waiting-parent = 等待您回覆
status-decided = 已有處理結果
status-appealed = 申訴審核中
status-closed = 已結案

## Things the bot can't use

error-use-buttons = 請按下方的按鈕選擇。
error-empty-answer = 回答是空白的，請寫一些內容。
error-text-too-long = 這個回答太長了（{ $length } 個字，上限 { $max } 個字），請精簡一下。
error-stale-button = 這個按鈕屬於之前的問題，已經忽略。
error-sticker = 貼圖很可愛！不過我這裡只看得懂文字。
error-voice = 我沒辦法聽語音或影片訊息，請打字回答。
error-unsupported = 這裡無法使用這類訊息。
error-media-here = 謝謝！等一下我會請您傳截圖，現在需要先用文字回答。
error-edited = 我只看得到新傳的訊息，看不到編輯過的內容。如果想修改回答，請重新傳一則訊息。
error-unknown-command = 我不認得 { $command } 這個指令。

## Command menu (Telegram)

command-start = 開始或繼續退款申請
command-status = 查看我的申請
command-language = 切換語言
command-timezone = 變更時區
command-help = 使用說明
command-cancel = 放棄正在填寫的申請

## Support team's group (in the agents' language)

desk-topic-name = { $reference } · { $platform } · { $total }
desk-card-header = 📋 案件 <b>{ $reference }</b> — { $status }
desk-card-escalated = 🚨 已升級至主管
desk-card-overdue = ⏰ 已逾期
desk-card-tx-when = { $when }（{ $city }，UTC{ $offset }）
desk-card-tx-when-team = { $when }（{ $city }，UTC{ $offset }）· { $team_city }時間 { $team_time }
desk-card-parent = 家長語言：{ $language } · 時區 { $timezone } · 送出時間 { $submitted }
desk-card-due = 處理期限：{ $due }
desk-card-assignee = 處理人：{ $name }
desk-card-unassigned = 尚未認領
desk-card-approved = 處理結果：全額批准（{ $total }）
desk-card-partial = 處理結果：部分批准（{ $amount }）
desk-card-rejected = 處理結果：駁回——{ $reason }
desk-card-note = 給家長的備註：{ $note }
desk-card-waiting-question = ✍️ 正在等待 { $name } 向家長提問：其在本主題中的下一則訊息即為問題。
desk-card-waiting-amount = ✍️ 正在等待 { $name } 填寫批准金額：其在本主題中的下一則訊息（例如 300 或 300 CNY）。
desk-card-waiting-reason = ✍️ { $name } 正在駁回此案件：請在下方選擇原因。
desk-card-waiting-note = ✍️ { $name } 正在駁回此案件（{ $reason }）：正在等待其給家長的備註（本主題中的下一則訊息），或按下方的「不加備註」。
desk-evidence-caption = { $reference } 的證明資料（{ $count } 個檔案）
desk-button-claim = 🙋 認領
desk-button-unclaim = ↩️ 取消認領
desk-button-ask = ❓ 詢問家長
desk-button-approve = ✅ 批准
desk-button-partial = ➗ 部分批准
desk-button-reject = ❌ 駁回
desk-button-escalate = 🚨 升級
desk-button-close = 🗂 結案
desk-button-reopen = 🔓 重新開啟
desk-button-no-note = 不加備註
desk-button-cancel = ✖️ 取消
desk-button-files = 📎 查看 { $count } 個檔案
reject-button-insufficient-evidence = 證明資料不足
reject-button-not-a-minor = 非未成年人消費
reject-button-too-old = 時間過久
reject-button-already-refunded = 已退過款
reject-button-duplicate = 重複申請
reject-button-other = 其他原因
desk-status-submitted = 新進案件
desk-status-in-review = 審核中
desk-status-waiting-parent = 等待家長回覆
desk-status-decided = 已有結果
desk-status-appealed = 申訴中
desk-status-closed = 已結案
reject-reason-insufficient-evidence = 提供的證明資料無法證實這些消費
reject-reason-not-a-minor = 這些消費並非未成年人所為
reject-reason-too-old = 消費時間過久，無法退款
reject-reason-already-refunded = 這些消費已經退過款
reject-reason-duplicate = 相同的申請已經送出過
reject-reason-other = 申請不符合退款條件
desk-refused-state = { $reference } — { $status }：目前無法執行此操作。
desk-refused-unclaimed = { $reference } 還沒有人認領。
desk-refused-claimed = { $reference } 已由 { $name } 認領。
desk-refused-escalated = { $reference } 已升級至主管。
desk-refused-other-agent = { $reference } 由 { $name } 負責：只有負責人或主管才能執行此操作。
desk-refused-unknown = 這個按鈕已失效。
desk-not-agent = 只有客服人員才能在這裡處理案件。
desk-ask-prompt = 請在本主題中傳送下一則訊息，寫下要問 { $reference } 家長的問題。
desk-question-sent = 問題已傳送給 { $reference } 的家長。
desk-partial-prompt = { $reference } 應退款多少？請在下一則訊息中傳送金額{ $example ->
        [bare] （例如 { $amount } 或 { $amount } { $currency }）。
        [coded] （例如 { $amount } { $currency }，需註明幣別）。
       *[none] 。
    }
desk-partial-currency = 請註明幣別：申請金額為 { $total }。
desk-partial-too-much = 超過申請金額（{ $total }）。
desk-reject-prompt = 請在案件卡片上選擇駁回 { $reference } 的原因。
desk-reject-note-prompt = 請在下一則訊息中為 { $reference } 的家長寫一則備註，或按「不加備註」。
desk-files-already-shown = { $reference } 的檔案已經發布在本主題中。
desk-escalated = 🚨 { $reference } 已升級至主管。
desk-mention = <a href="tg://user?id={ $id }">主管</a>
desk-closed-no-relay = { $reference } 已結案：訊息沒有傳送給家長。如需聯絡家長，請重新開啟案件。
desk-queue-header = <b>未結案件</b>（依緊急程度排序）：
desk-mine-header = <b>您的未結案件</b>（依緊急程度排序）：
desk-queue-empty = 沒有未結案件。🎉
desk-queue-line = { $reference } · { $status } · { $age } · 期限 { $due } · { $name }
desk-queue-line-overdue = ⏰ { $reference } · { $status } · { $age } · 已逾期（期限 { $due }） · { $name }
desk-age-hours = { $hours } 小時前送出
desk-age-days = { $days } 天前送出
desk-case-unknown = 找不到案件 { $reference }。用法：/case K7QM4
relay-from-parent = 👤 家長（{ $reference }）：{ $text }
relay-from-parent-edited = 👤 家長（{ $reference }）更正了先前的訊息：{ $text }

## Parents, about their submitted case

support-name = 客服
relay-to-parent = 💬 { $name }（申請 <b>{ $reference }</b>）：{ $text }
relay-to-parent-edited = 💬 { $name }（申請 <b>{ $reference }</b>，更正先前的訊息）：{ $text }
parent-claimed = { $name }正在處理您的申請 <b>{ $reference }</b>。
parent-question = ❓ 關於您的申請 <b>{ $reference }</b>，{ $name }需要您補充一些資料：{ $text }
    直接在這裡回覆就可以，文字或截圖都行。
parent-escalated = 您的申請 <b>{ $reference }</b> 已轉交主管處理。
parent-closed = 您的申請 <b>{ $reference }</b> 已結案。如果要提出新的申請，請傳送 /start。
parent-reopened = 您的申請 <b>{ $reference }</b> 已重新開啟，正在重新審核。
parent-decision-note = 客服補充說明：{ $note }
button-appeal = ⚖️ 申訴
parent-which-case = 您的訊息是關於哪一份申請？
button-case = 申請 { $reference }
parent-relayed = 已轉給客服（申請 <b>{ $reference }</b>），我們會在這裡回覆您。
parent-all-closed = 您的申請都已結案。

## Follow-ups

reminder-intake-first = 您有一份退款申請還沒填完。要從上次停下的地方繼續嗎？只需要幾分鐘。
reminder-intake-again = 您的退款申請還在等您填完。填完送出後，客服團隊才能開始處理。
reminder-missing-evidence = 您的申請 <b>{ $reference }</b> 還沒有截圖。如果找得到消費紀錄或付款收據，請直接傳到這裡，退款的機會會大很多。
parent-check-in = 您的申請 <b>{ $reference }</b> 最新進度：{ $status }。我們沒有忘記您，客服團隊會盡量在 { $due } 前給出處理結果。
parent-satisfaction = 您的申請 <b>{ $reference }</b> 已結案。您對我們的服務還滿意嗎？
button-rating = { $stars ->
        [1] ⭐
        [2] ⭐⭐
        [3] ⭐⭐⭐
        [4] ⭐⭐⭐⭐
       *[other] ⭐⭐⭐⭐⭐
    }
parent-thanks = 謝謝您的回覆！
desk-unclaimed = 🙋 { $reference } 已經等了 { $hours } 小時，還沒有人認領。
desk-deadline-warning = ⏳ { $reference }：處理期限是 { $due }。
desk-deadline-overdue = ⏰ { $reference } 已逾期：處理期限是 { $due }。
text-cut = …（已截斷）

## A claim's purchases in /status, numbered, each on the clock the parent gave it in (a part of
## the day stays "in the evening, around 8:00 PM").
status-purchase = { $number }. { $money } — { $when }

## The time zone, asked once before the first purchase's time when the language names no place
## (a bare "en" client): a city button, or a city or an offset typed (handlers/intake/zone.py).
ask-zone = 在填寫時間之前想先問一下：您在哪裡？您說的時間我會按您當地的時間來理解，客服看到的也是您當地的時間。請按您所在的城市（或與您時間相同的城市），也可以直接輸入其他城市或與 UTC 的時差，例如「Berlin」或「UTC-5」。
error-zone = 我不知道「{ $value }」在哪裡。請按與您時間相同、離您最近的城市，或者輸入與 UTC 的時差，例如「UTC+8」或「-5」。
zone-city-london = 倫敦
zone-city-new-york = 紐約
zone-city-chicago = 芝加哥
zone-city-los-angeles = 洛杉磯
zone-city-sydney = 雪梨
zone-city-auckland = 奧克蘭
zone-city-singapore = 新加坡
zone-city-hong-kong = 香港
zone-city-shanghai = 上海
zone-city-india = 印度
