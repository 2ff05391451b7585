# Refund Desk — 简体中文：处理结果之后。结果说明、申诉、其他维权途径。
# 参数（{ $name }）由机器人填入并转义；标记只能用 <b> 和 <i>。

## 处理结果（家长看到的内容）

decision-approved = ✅ 好消息：您的申请 <b>{ $reference }</b> 已全额批准，将退款 <b>{ $total }</b>。
decision-partial = 您的申请 <b>{ $reference }</b> 已部分批准：将退款 <b>{ $amount }</b>。您申请的金额是 { $total }，其余 { $rest } 不予退款。
decision-claimed-header = 您申请中的消费记录：
decision-rejected = 很抱歉，您的申请 <b>{ $reference }</b> 未获批准：{ $reason }。
decision-next-approved = 接下来：您无需做任何操作，款项将原路退回。
decision-next-partial = 接下来：您无需做任何操作，批准的部分将原路退回。
decision-next-rejected = 接下来：除非申诉改变结果，这份申请不会退款。发送 /routes 查看其他维权途径。
decision-refund-range = 用{ $method }支付的款项，退款通常在 { $low }–{ $high } 个工作日内到账。
decision-refund-up-to = 用{ $method }支付的款项，退款通常在 { $days } 个工作日内到账。
decision-refund-immediate = 用{ $method }支付的款项，退款通常即时到账。
decision-refund-generic = 退款通常在几个工作日内到账，具体取决于您的银行或支付App。
decision-appeal-offer = 如果您对结果有异议，可以在 { $until } 之前申诉一次：点“⚖️ 申诉”，告诉我们理由。
decision-appeal-final = ⚖️ 这是对您申诉的处理结果，为最终结果，不能再次申诉。

## 申诉

appeal-ask-reason = ⚖️ 对 <b>{ $reference }</b> 提出申诉：请用一条消息说明您不同意处理结果的理由。之后可以补充新的截图或文件。
appeal-ask-files = 谢谢。您有支持申诉的新截图或文件（图片或 PDF）吗？现在发送，然后点“提交申诉”；如果没有，直接点“提交申诉”即可。
appeal-files-count = 已有 { $count } 个新文件，将随申诉一起提交。可以继续发送，或点“提交申诉”。
appeal-files-kept = 已为您的申诉保存 { $count } 个文件。
appeal-reason-added = 已补充到您的申诉理由中。
button-appeal-send = 📨 提交申诉
button-appeal-cancel = ✖️ 不申诉了
appeal-in-progress = 您正在填写对 <b>{ $reference }</b> 的申诉。
appeal-sent = ⚖️ 您对 <b>{ $reference }</b> 的申诉已提交给客服团队，最迟将于 <b>{ $due }</b> 前给出结果，该结果为最终结果。
appeal-sent-files = 随申诉一起提交了 { $count } 个新文件。
appeal-cancelled = 您对 <b>{ $reference }</b> 的申诉没有提交。在 { $until } 之前，您仍可以通过处理结果下方的“⚖️ 申诉”按钮提出申诉。
appeal-refused-already = <b>{ $reference }</b> 的处理结果已经申诉过：每份申请只能申诉一次，申诉结果为最终结果。发送 /routes 查看其他维权途径。
appeal-refused-state = <b>{ $reference }</b> 现在不能申诉（状态：{ $status }）。只有在给出处理结果后、申请结案前才能申诉。
appeal-refused-approved = 您的申请 <b>{ $reference }</b> 已全额批准，无需申诉。
appeal-refused-window = <b>{ $reference }</b> 的申诉期限已于 { $until } 结束。发送 /routes 查看其他维权途径。

## 申诉（客服群内，使用客服语言）

desk-appeal-filed =
    ⚖️ <b>申诉</b>：家长对 { $reference } 的处理结果提出申诉。
    { $decision }
    家长的理由：{ $reason }
    新文件：{ $count } 个 · 请在 { $due } 前处理，申诉结果为最终结果。
desk-appeal-files = ⚖️ { $reference } 申诉的新凭证（{ $count } 个文件）
desk-card-appeal = ⚖️ <b>申诉中</b>：家长对下方的处理结果有异议。请重新处理，该结果为最终结果。
desk-card-appeal-decided = ⚖️ 已按申诉处理（最终结果）。

## 其他维权途径

command-routes = 其他维权途径
button-other-options = 🧭 其他途径
routes-intro = 关于您的申请 <b>{ $reference }</b>：如果您不满意，还可以通过以下途径解决。
routes-any = 如果无法拿回款项，还可以通过以下途径解决。
routes-platform-douyin = • 抖音：在App中打开“我”→ 右上角“☰”→“我的客服”，选择这笔消费，申请未成年人退款。请提供订单号和本申请的编号。
routes-platform-tiktok = • TikTok：在App中打开“个人主页”→“☰”→“设置和隐私”→“报告问题”，选择这笔消费。请提供订单号和本申请的编号。
routes-platform-wechat = • 微信小程序或小游戏：打开它，点右上角的“···”，申请未成年人退款或进行投诉。开发者须在 2 个工作日内处理；如果逾期或无法达成一致，微信平台将介入处理。
routes-platform-kuaishou = • 快手：在App中打开侧边菜单 →“客服中心”，选择这笔消费，申请未成年人退款。请提供订单号和本申请的编号。
routes-platform-custom = • 在App内联系{ $platform }的官方客服，并提供订单号和本申请的编号。
routes-platform-any = • App 本身：它的客服（通常在“我的”或“设置”→“帮助”里）可以办理退款。请提供账号、金额、准确的消费时间和截图。
routes-payment-alipay = • 支付宝：在“我的”→“账单”里打开这笔付款，点“对此订单有疑问”，然后选择投诉。
routes-payment-wechat-pay = • 微信支付：“我”→“服务”→“钱包”→“账单”，打开这笔付款，点“对订单有疑惑”，然后选择投诉。
routes-payment-bank-card = • 信用卡或银行卡：联系发卡银行，对这笔刷卡交易提出争议（申请拒付）。请尽快办理：银行有时限要求。
routes-payment-apple = • Apple：用您的 Apple ID 登录 reportaproblem.apple.com 申请退款。
routes-payment-google-play = • Google Play：在订单记录中申请退款（“付款和订阅”→“预算和历史记录”）。
routes-consumer-cn = • 消费者权益保护：全国12315平台，可以拨打 12315，或通过“全国12315平台”小程序、www.12315.cn 投诉。
routes-consumer-fr = • 消费者权益保护：在法国消费者投诉平台 SignalConso（signal.conso.gouv.fr，由法国竞争、消费和反欺诈总局运营）上反映问题；商家会收到通知，并可在平台上答复您。
routes-consumer-tw = • 消费者权益保护：拨打 1950 消费者服务专线，或在台湾“行政院消费者保护会”网站（cpc.ey.gov.tw）在线申诉。
routes-consumer-hk = • 消费者权益保护：香港消费者委员会，可以拨打热线 2929 2222，或在其网站上投诉。
routes-consumer-other = • 消费者权益保护：您所在国家的消费者保护机构受理有关App内购买和支付App的投诉。
routes-keep-evidence = 请保留截图、订单号和这段对话：以上每种途径都会要求您提供。
