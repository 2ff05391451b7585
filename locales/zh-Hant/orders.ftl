# 訂單關聯（#15）：依付款方式核對家長填寫的訂單編號，以及商家帳單中每筆申請的購買紀錄（僅客服可見）。
orders-error-other-shape = 這看起來是{ $shape }的編號，但你選擇的付款方式是{ $method }。請傳送{ $method }收據上的編號，或按「我沒有訂單編號」。
orders-error-shape = 這不可能是{ $method }的訂單編號：它的格式類似 { $example }。請依收據上的樣子重新傳送，或按「我沒有訂單編號」。
orders-parent-refunded = 你的其中一筆消費似乎已經退款。請先查看你的帳單或明細：款項可能已經退回。我們的客服會再向你確認。
orders-source =
    { $source ->
        [wechat_pay] 微信支付
        [alipay] 支付寶
        [apple] Apple
        [google_play] Google Play
        [douyin] 抖音
       *[other] { $name }
    }
orders-card-found = ✅ 找到訂單：{ $money }，付款於 { $when }（{ $source } { $order }）
orders-card-likely = ✅ 可能的訂單，金額相同，與所填時間相差 { $gap }：{ $money }，付款於 { $when }（{ $source } { $order }）
orders-card-amount-differs = ⚠️ 帳單金額為 { $money }，申請金額為 { $claimed }
orders-card-refunded = 🔁 已退款 { $money }，時間 { $when }（{ $source } { $order }）
orders-card-partly-refunded = 🔁 部分退款：{ $total } 中已退 { $money }，時間 { $when }（{ $source } { $order }）
orders-card-voided = ❌ 訂單已撤銷，未扣款（{ $source } { $order }）
orders-card-not-found = ⚠️ 截至 { $date } 已匯入的帳單中沒有這筆訂單
orders-card-ambiguous = ❓ 有 { $count } 筆可能的訂單：
orders-card-candidate = · { $money }，付款於 { $when }（{ $source } { $order }），與所填時間相差 { $gap }{ $payer ->
        [yes] ，付款人與帳號一致
       *[no] {""}
    }
orders-card-double = 💳 重複扣款，間隔 { $gap }：另一筆為 { $source } { $order }
orders-card-summary = 🧾 帳單核對：找到 { $found } 筆 · 未找到 { $missing } 筆 · 已退款 { $refunded } 筆 · 待確認 { $unsure } 筆
orders-queue-line = 🧾 找到 { $found } · 未找到 { $missing } · 已退款 { $refunded }
orders-gap-seconds = { $count } 秒
orders-gap-minutes = { $count } 分鐘
orders-gap-hours = { $hours } 小時 { $minutes } 分鐘
orders-gap-days = { $count } 天
orders-button-check = 🔎 核對帳單
orders-checked = 已與截至 { $date } 匯入的帳單核對。
orders-checked-empty = 尚未匯入任何帳單：請用 refund-desk orders import 匯入。
# An order number read from one of the case's screenshots that no purchase claims (#16).
orders-card-read-found = 🧾 從截圖 { $number } 讀到的訂單編號（{ $read }）：在{ $source }帳單中找到，{ $money }，付款於 { $when }，未退款
orders-card-read-refunded = 🧾 從截圖 { $number } 讀到的訂單編號（{ $read }）：在{ $source }帳單中，{ $money }，付款於 { $when }，已於 { $on } 退款 { $refunded }
orders-card-read-voided = 🧾 從截圖 { $number } 讀到的訂單編號（{ $read }）：在{ $source }帳單中已撤銷，未扣款
orders-card-read-not-found = 🧾 從截圖 { $number } 讀到的訂單編號（{ $read }）：截至 { $date } 已匯入的帳單中沒有這筆訂單
