# Order linking (#15): order ids checked as parents type them, and what the merchant's bills
# say about each claimed purchase (agents only; parents never see merchant data).
orders-error-other-shape = That looks like a { $shape } number, but you paid with { $method }. Send the number from { $method }'s receipt instead, or tap "I don't have it".
orders-error-shape = That can't be a { $method } order number: it looks like { $example }. Send it again as shown on the receipt, or tap "I don't have it".
orders-parent-refunded = One of your purchases seems to have been refunded already. Please check your statement before anything else: the money may be back. Our team will confirm.
orders-source =
    { $source ->
        [wechat_pay] WeChat Pay
        [alipay] Alipay
        [apple] Apple
        [google_play] Google Play
        [douyin] Douyin
       *[other] { $name }
    }
orders-card-found = ✅ Order found: { $money } paid { $when } ({ $source } { $order })
orders-card-likely = ✅ Likely order, same amount { $gap } from the time given: { $money } paid { $when } ({ $source } { $order })
orders-card-amount-differs = ⚠️ The bill says { $money }, the claim { $claimed }
orders-card-refunded = 🔁 Already refunded { $money } on { $when } ({ $source } { $order })
orders-card-partly-refunded = 🔁 Partly refunded: { $money } of { $total } on { $when } ({ $source } { $order })
orders-card-voided = ❌ Order voided, never charged ({ $source } { $order })
orders-card-not-found = ⚠️ No such order in the imported bills up to { $date }
orders-card-ambiguous = ❓ { $count } possible orders:
orders-card-candidate = · { $money } paid { $when } ({ $source } { $order }), { $gap } from the time given{ $payer ->
        [yes] , same payer as the account
       *[no] {""}
    }
orders-card-double = 💳 Charged twice, { $gap } apart: also { $source } { $order }
orders-card-summary = 🧾 Bills: { $found } found · { $missing } not found · { $refunded } refunded · { $unsure } unsure
orders-queue-line = 🧾 { $found } found · { $missing } not found · { $refunded } refunded
orders-gap-seconds = { $count } s
orders-gap-minutes = { $count } min
orders-gap-hours = { $hours } h { $minutes } min
orders-gap-days = { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
orders-button-check = 🔎 Check the bills
orders-checked = Checked against the bills imported up to { $date }.
orders-checked-empty = No bills are imported yet: `refund-desk orders import` adds them.
# An order number read from one of the case's screenshots that no purchase claims (#16).
orders-card-read-found = 🧾 Order number read from screenshot { $number } ({ $read }): found in the { $source } bill, { $money } paid { $when }, not refunded
orders-card-read-refunded = 🧾 Order number read from screenshot { $number } ({ $read }): in the { $source } bill, { $money } paid { $when }, { $refunded } refunded on { $on }
orders-card-read-voided = 🧾 Order number read from screenshot { $number } ({ $read }): in the { $source } bill, voided, never charged
orders-card-read-not-found = 🧾 Order number read from screenshot { $number } ({ $read }): not in the imported bills up to { $date }
