# Refund Desk — English: after a decision. Decisions explained, appeals, where else to turn.
# Parameters ({ $name }) are filled in by the bot and escaped; markup is limited to <b> and <i>.

## Decisions, as the parent reads them

decision-approved = ✅ Good news: your claim <b>{ $reference }</b> is approved in full — <b>{ $total }</b> will be refunded.
decision-partial = Your claim <b>{ $reference }</b> is approved in part: <b>{ $amount }</b> will be refunded. You claimed { $total }; the remaining { $rest } will not be refunded.
decision-claimed-header = The purchases in your claim:
decision-rejected = Your claim <b>{ $reference }</b> was not approved: { $reason }.
decision-next-approved = What happens next: nothing to do on your side — the money goes back the way you paid.
decision-next-partial = What happens next: nothing to do on your side — the refunded part goes back the way you paid.
decision-next-rejected = What happens next: nothing will be refunded for this claim unless an appeal changes the decision. /routes shows where else you can turn.
decision-refund-range = A refund of money paid with { $method } usually arrives within { $low }–{ $high } working days.
decision-refund-up-to = A refund of money paid with { $method } usually arrives within { $days ->
        [one] { $days } working day
       *[other] { $days } working days
    }.
decision-refund-immediate = A refund of money paid with { $method } usually arrives straight away.
decision-refund-generic = Refunds usually arrive within a few working days, depending on your bank or payment app.
decision-appeal-offer = If you disagree, you can appeal once, until { $until }: tap ⚖️ Appeal and tell us why.
decision-appeal-final = ⚖️ This is the decision on your appeal: it is final and can't be appealed again.

## Appeals

appeal-ask-reason = ⚖️ Appeal on <b>{ $reference }</b>: tell us in one message why you disagree with the decision. You can add new screenshots or documents right after.
appeal-ask-files = Thank you. Do you have new screenshots or documents (photos or PDF files) that support your appeal? Send them now, then tap "Send appeal" — or tap it straight away if you have none.
appeal-files-count = { $count ->
        [one] { $count } new file is ready to go with your appeal.
       *[other] { $count } new files are ready to go with your appeal.
    } Send more, or tap "Send appeal".
appeal-files-kept = { $count ->
        [one] I've kept { $count } file for your appeal.
       *[other] I've kept { $count } files for your appeal.
    }
appeal-reason-added = I've added that to your reason.
button-appeal-send = 📨 Send appeal
button-appeal-cancel = ✖️ Don't appeal
appeal-in-progress = You're already writing an appeal on <b>{ $reference }</b>.
appeal-sent = ⚖️ Your appeal on <b>{ $reference }</b> has been sent to the support team. They will decide by <b>{ $due }</b>, and that decision will be final.
appeal-sent-files = { $count ->
        [one] { $count } new file went with it.
       *[other] { $count } new files went with it.
    }
appeal-cancelled = Your appeal on <b>{ $reference }</b> was not sent. You can still appeal until { $until } with the ⚖️ Appeal button under the decision.
appeal-refused-already = The decision on <b>{ $reference }</b> has already been appealed: a claim can be appealed only once, and the decision on the appeal is final. /routes shows where else you can turn.
appeal-refused-state = <b>{ $reference }</b> can't be appealed now (status: { $status }). An appeal is possible only once a decision has been made, while the claim is still open.
appeal-refused-approved = Your claim <b>{ $reference }</b> was approved in full: there is nothing to appeal.
appeal-refused-window = The time to appeal the decision on <b>{ $reference }</b> ended on { $until }. /routes shows where else you can turn.

## Appeals, in the support team's group (in the agents' language)

desk-appeal-filed =
    ⚖️ <b>APPEAL</b> on { $reference }: the parent contests the decision.
    { $decision }
    Parent's reason: { $reason }
    New files: { $count } · decide by { $due } — the decision on an appeal is final.
desk-appeal-files = ⚖️ New evidence for the appeal on { $reference } ({ $count ->
        [one] { $count } file
       *[other] { $count } files
    })
desk-card-appeal = ⚖️ <b>Appeal</b>: the parent contests the decision below. Decide again; that decision is final.
desk-card-appeal-decided = ⚖️ Decided on appeal (final).

## Where else to turn

command-routes = Other ways to get your money back
button-other-options = 🧭 Other ways to a refund
routes-intro = About your claim <b>{ $reference }</b>: if you are not satisfied, here is what else you can do.
routes-any = If you can't get your money back, here is what else you can do.
routes-platform-douyin = • Douyin: in the app, open Me → ☰ → My customer service (我的客服), choose the purchase and ask for a refund of a minor's spending (未成年人退款). Quote your order numbers and your claim's reference.
routes-platform-tiktok = • TikTok: in the app, open Profile → ☰ → Settings and privacy → Report a problem, and choose the purchase. Quote your order numbers and your claim's reference.
routes-platform-wechat = • WeChat mini-program or mini-game: open it, tap ··· at the top right and ask for a refund of a minor's payment (未成年人退款) or file a complaint (投诉). The developer must answer within 2 working days; if they don't, or you can't agree, WeChat itself steps in.
routes-platform-kuaishou = • Kuaishou: in the app, open the side menu → Customer service (客服中心), choose the purchase and ask for a refund of a minor's spending (未成年人退款). Quote your order numbers and your claim's reference.
routes-platform-custom = • Contact { $platform }'s own customer service in the app, and quote your order numbers and your claim's reference.
routes-platform-any = • The app itself: its customer service (usually under Me or Settings → Help) can refund purchases. Give the account, the amounts, the exact times and your screenshots.
routes-payment-alipay = • Alipay: open the payment in your bills (账单), tap "Have a question about this order?" (对此订单有疑问) and file a complaint.
routes-payment-wechat-pay = • WeChat Pay: Me → Services → Wallet → Bills, open the payment, then "Questions about this order" (对订单有疑惑) → complaint.
routes-payment-bank-card = • Credit or bank card: ask your bank to dispute the card payment (a chargeback). Do it soon: banks set time limits.
routes-payment-apple = • Apple: request a refund at reportaproblem.apple.com with your Apple ID.
routes-payment-google-play = • Google Play: request a refund from your order history (Payments & subscriptions → Budget & history).
routes-consumer-cn = • Consumer protection: the national 12315 platform — call 12315, or use the 全国12315平台 mini-program or www.12315.cn.
routes-consumer-fr = • Consumer protection: report the problem on SignalConso (signal.conso.gouv.fr), the DGCCRF's service; the company is told and can answer you there.
routes-consumer-tw = • Consumer protection: call the 1950 consumer hotline, or file a complaint online on the Executive Yuan's consumer protection site (cpc.ey.gov.tw).
routes-consumer-hk = • Consumer protection: the Consumer Council (消費者委員會) — call its hotline 2929 2222 or file a complaint on its website.
routes-consumer-other = • Consumer protection: your national consumer authority takes complaints about in-app purchases and payment apps.
routes-keep-evidence = Keep your screenshots, order numbers and this conversation: each of these routes will ask for them.
