# 订单关联（#15）：按支付方式核对家长填写的订单号，以及商户账单中每笔申请的购买记录（仅客服可见）。
orders-error-other-shape = 这看起来是{ $shape }的单号，但你选择的支付方式是{ $method }。请发送{ $method }凭证上的单号，或点“我没有订单号”。
orders-error-shape = 这不可能是{ $method }的订单号：它的格式类似 { $example }。请按凭证上的样子重新发送，或点“我没有订单号”。
orders-parent-refunded = 你的其中一笔消费似乎已经退款。请先查看你的账单或流水：款项可能已经退回。我们的客服会再向你确认。
orders-source =
    { $source ->
        [wechat_pay] 微信支付
        [alipay] 支付宝
        [apple] Apple
        [google_play] Google Play
        [douyin] 抖音
       *[other] { $name }
    }
orders-card-found = ✅ 找到订单：{ $money }，支付于 { $when }（{ $source } { $order }）
orders-card-likely = ✅ 可能的订单，金额相同，与所填时间相差 { $gap }：{ $money }，支付于 { $when }（{ $source } { $order }）
orders-card-amount-differs = ⚠️ 账单金额为 { $money }，申请金额为 { $claimed }
orders-card-refunded = 🔁 已退款 { $money }，时间 { $when }（{ $source } { $order }）
orders-card-partly-refunded = 🔁 部分退款：{ $total } 中已退 { $money }，时间 { $when }（{ $source } { $order }）
orders-card-voided = ❌ 订单已撤销，未扣款（{ $source } { $order }）
orders-card-not-found = ⚠️ 截至 { $date } 已导入的账单中没有这笔订单
orders-card-ambiguous = ❓ 有 { $count } 笔可能的订单：
orders-card-candidate = · { $money }，支付于 { $when }（{ $source } { $order }），与所填时间相差 { $gap }{ $payer ->
        [yes] ，付款人与账号一致
       *[no] {""}
    }
orders-card-double = 💳 重复扣款，间隔 { $gap }：另一笔为 { $source } { $order }
orders-card-summary = 🧾 账单核对：找到 { $found } 笔 · 未找到 { $missing } 笔 · 已退款 { $refunded } 笔 · 待确认 { $unsure } 笔
orders-queue-line = 🧾 找到 { $found } · 未找到 { $missing } · 已退款 { $refunded }
orders-gap-seconds = { $count } 秒
orders-gap-minutes = { $count } 分钟
orders-gap-hours = { $hours } 小时 { $minutes } 分钟
orders-gap-days = { $count } 天
orders-button-check = 🔎 核对账单
orders-checked = 已与截至 { $date } 导入的账单核对。
orders-checked-empty = 尚未导入任何账单：请用 refund-desk orders import 导入。
# An order number read from one of the case's screenshots that no purchase claims (#16).
orders-card-read-found = 🧾 从截图 { $number } 读到的订单号（{ $read }）：在{ $source }账单中找到，{ $money }，支付于 { $when }，未退款
orders-card-read-refunded = 🧾 从截图 { $number } 读到的订单号（{ $read }）：在{ $source }账单中，{ $money }，支付于 { $when }，已于 { $on } 退款 { $refunded }
orders-card-read-voided = 🧾 从截图 { $number } 读到的订单号（{ $read }）：在{ $source }账单中已撤销，未扣款
orders-card-read-not-found = 🧾 从截图 { $number } 读到的订单号（{ $read }）：截至 { $date } 已导入的账单中没有这笔订单
