## 看得懂、但不能直接採用的金額和時間（handlers/parsing/，docs/parsing.md）：
## 估計的數字或一個範圍，而不是實際扣款金額；只說了時段的時間，以估計的方式顯示。

error-amount-vague = 這聽起來是估計的數字，申請退款需要實際扣款的確切金額，退款也會依這個金額處理。您可以在付款紀錄裡找到它（銀行App、街口支付、LINE Pay 或 App Store／Google Play 的收據），請把這個數字傳給我，例如「NT$990」或「台幣990元」。
error-amount-range = 這是一個範圍，申請退款需要實際扣款的那一筆金額。請在付款紀錄裡（銀行App、街口支付、LINE Pay 或 App Store／Google Play 的收據）查一下確切的數字傳給我，例如「NT$990」。如果扣了好幾筆，先傳一筆，其他的可以接著新增。
# 日期，然後是家長說的時段和估計的時間，例如「2026年11月19日 週四晚上（大約 20:00）」。
tx-when-vague = { $day }{ $period ->
        [morning] 早上
        [noon] 中午
        [afternoon] 下午
        [dusk] 傍晚
        [evening] 晚上
        [night] 夜裡
        [late] 深夜
        [dawn] 凌晨
       *[other] 白天
    }（大約 { $time }）
tx-time-vague = （您只說了大概的時段，所以時間是估計的。如果付款紀錄上有確切的時間，請點「不對，修改」，把時間也寫上，這樣比較容易查到這筆扣款。）
