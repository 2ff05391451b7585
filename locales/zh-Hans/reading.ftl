# 截图识别（#16）：截图上读到的内容请家长确认；被拒收的文件；卡片下给客服的核对结果。

reading-offer = 📷 我从您的截图中读到：
reading-offer-amount = • 金额：<b>{ $money }</b>
reading-offer-when = • 支付时间：<b>{ $when }</b>
reading-offer-order = • 订单号：<b>{ $order }</b>
reading-offer-question = 把这些作为第 { $number } 笔消费吗？您确认之前不会保存。
button-reading-use = ✅ 就用这些
button-reading-amount = ✏️ 改金额
button-reading-time = ✏️ 改时间
button-reading-order = ✏️ 改订单号
button-reading-no = ⌨️ 我自己输入
reading-used = 已按截图填写。
reading-declined = 好的：截图仍附在申请里，详情请您自己输入。
reading-file-refused = { $reason ->
    [size] 无法保存“{ $name }”：文件有 { $size } MB，上限是 { $limit } MB。发截图就够了。
    [type] 无法保存“{ $name }”：它其实不是图片或PDF。请发送截图或PDF文件。
   *[gone] 无法从 Telegram 获取“{ $name }”，请重新发送。
}
card-reading-agrees = 📷 截图 { $number }：✅ { $what ->
    [amount] 金额一致
    [time] 时间一致
    [order] 订单号一致
    [amount-time] 金额和时间一致
    [amount-order] 金额和订单号一致
    [time-order] 时间和订单号一致
   *[amount-time-order] 金额、时间和订单号一致
}
card-reading-amount-differs = 📷 截图 { $number }：⚠️ 截图显示 { $read }，申请填写 { $claimed }
card-reading-time-differs = 📷 截图 { $number }：⚠️ 截图显示 { $read }，申请填写 { $claimed }
card-reading-order-differs = 📷 截图 { $number }：⚠️ 截图上的订单号是 { $read }，申请填写 { $claimed }
card-reading-order = 📷 截图 { $number }：从截图读到订单号 { $order }
card-reading-unmatched = 📷 截图 { $number }：读到 { $read }，与申请中的消费都不符
