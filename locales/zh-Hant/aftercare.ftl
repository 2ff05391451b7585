# Refund Desk — 繁體中文：處理結果之後。結果說明、申訴、其他求助管道。
# 參數（{ $name }）由機器人填入並跳脫；標記只能用 <b> 和 <i>。

## 處理結果（家長看到的內容）

decision-approved = ✅ 好消息：您的申請 <b>{ $reference }</b> 已全額批准，將退款 <b>{ $total }</b>。
decision-partial = 您的申請 <b>{ $reference }</b> 已部分批准：將退款 <b>{ $amount }</b>。您申請的金額是 { $total }，其餘 { $rest } 不予退款。
decision-claimed-header = 您申請中的消費紀錄：
decision-rejected = 很抱歉，您的申請 <b>{ $reference }</b> 未獲批准：{ $reason }。
decision-next-approved = 接下來：您不需要做任何事，款項會退回原付款方式。
decision-next-partial = 接下來：您不需要做任何事，批准的部分會退回原付款方式。
decision-next-rejected = 接下來：除非申訴改變結果，這份申請不會退款。傳送 /routes 查看其他求助途徑。
decision-refund-range = 用{ $method }付款的款項，退款通常會在 { $low }–{ $high } 個工作天內退回。
decision-refund-up-to = 用{ $method }付款的款項，退款通常會在 { $days } 個工作天內退回。
decision-refund-immediate = 用{ $method }付款的款項，退款通常會立即退回。
decision-refund-generic = 退款通常會在幾個工作天內退回，實際時間依您的銀行或支付 App 而定。
decision-appeal-offer = 如果您不同意結果，可以在 { $until } 之前提出一次申訴：按「⚖️ 申訴」，告訴我們理由。
decision-appeal-final = ⚖️ 這是您申訴的處理結果，為最終結果，不能再次申訴。

## 申訴

appeal-ask-reason = ⚖️ 對 <b>{ $reference }</b> 提出申訴：請用一則訊息說明您不同意處理結果的理由。之後可以補充新的截圖或文件。
appeal-ask-files = 謝謝。您有支持申訴的新截圖或文件（圖片或 PDF）嗎？請現在傳送，然後按「送出申訴」；如果沒有，直接按「送出申訴」即可。
appeal-files-count = 已有 { $count } 個新檔案會隨申訴一起送出。可以繼續傳送，或按「送出申訴」。
appeal-files-kept = 已為您的申訴保存 { $count } 個檔案。
appeal-reason-added = 已補充到您的申訴理由中。
button-appeal-send = 📨 送出申訴
button-appeal-cancel = ✖️ 不申訴了
appeal-in-progress = 您正在填寫對 <b>{ $reference }</b> 的申訴。
appeal-sent = ⚖️ 您對 <b>{ $reference }</b> 的申訴已送交客服團隊，最晚會在 <b>{ $due }</b> 前給出處理結果，該結果為最終結果。
appeal-sent-files = 隨申訴一起送出了 { $count } 個新檔案。
appeal-cancelled = 您對 <b>{ $reference }</b> 的申訴沒有送出。在 { $until } 之前，您仍可以透過處理結果下方的「⚖️ 申訴」按鈕提出申訴。
appeal-refused-already = <b>{ $reference }</b> 的處理結果已經申訴過：每份申請只能申訴一次，申訴結果為最終結果。傳送 /routes 查看其他求助途徑。
appeal-refused-state = <b>{ $reference }</b> 目前不能申訴（狀態：{ $status }）。只有在有了處理結果之後、申請結案之前才能申訴。
appeal-refused-approved = 您的申請 <b>{ $reference }</b> 已全額批准，不需要申訴。
appeal-refused-window = <b>{ $reference }</b> 的申訴期限已於 { $until } 結束。傳送 /routes 查看其他求助途徑。

## 申訴（客服群組內，使用客服語言）

desk-appeal-filed =
    ⚖️ <b>申訴</b>：家長對 { $reference } 的處理結果提出申訴。
    { $decision }
    家長的理由：{ $reason }
    新檔案：{ $count } 個 · 請在 { $due } 前處理，申訴結果為最終結果。
desk-appeal-files = ⚖️ { $reference } 申訴的新證明資料（{ $count } 個檔案）
desk-card-appeal = ⚖️ <b>申訴中</b>：家長對下方的處理結果有異議。請重新處理，該結果為最終結果。
desk-card-appeal-decided = ⚖️ 已依申訴處理（最終結果）。

## 其他求助管道

command-routes = 其他求助途徑
button-other-options = 🧭 其他途徑
routes-intro = 關於您的申請 <b>{ $reference }</b>：如果您不滿意，還可以透過以下途徑處理。
routes-any = 如果無法拿回款項，還可以透過以下途徑處理。
routes-platform-douyin = • 抖音：在 App 中打開「我」→ 右上角「☰」→「我的客服」，選擇這筆消費，申請未成年人退款。請提供訂單編號和這份申請的編號。
routes-platform-tiktok = • TikTok：在 App 中打開「個人檔案」→「☰」→「設定和隱私」→「回報問題」，選擇這筆消費。請提供訂單編號和這份申請的編號。
routes-platform-wechat = • 微信小程式或小遊戲：打開它，按右上角的「···」，申請未成年人退款或提出投訴。開發者必須在 2 個工作天內處理；如果逾期或無法達成共識，微信平台會介入處理。
routes-platform-kuaishou = • 快手：在 App 中打開側邊選單 →「客服中心」，選擇這筆消費，申請未成年人退款。請提供訂單編號和這份申請的編號。
routes-platform-custom = • 在 App 內聯絡{ $platform }的官方客服，並提供訂單編號和這份申請的編號。
routes-platform-any = • App 本身：它的客服（通常在「我」或「設定」→「說明」裡）可以辦理退款。請提供帳號、金額、確切的消費時間和截圖。
routes-payment-alipay = • 支付寶：在「我的」→「帳單」裡打開這筆付款，按「對此訂單有疑問」，再選擇投訴。
routes-payment-wechat-pay = • 微信支付：「我」→「服務」→「錢包」→「帳單」，打開這筆付款，按「對訂單有疑惑」，再選擇投訴。
routes-payment-bank-card = • 信用卡或銀行卡：向發卡銀行提出帳款爭議，申請退回這筆刷卡款項。請盡快辦理：銀行有期限規定。
routes-payment-apple = • Apple：用您的 Apple ID 登入 reportaproblem.apple.com 申請退款。
routes-payment-google-play = • Google Play：從訂單紀錄申請退款（「付款和訂閱」→「預算和記錄」）。
routes-consumer-cn = • 消費者保護：中國大陸的全國12315平台，可以撥打 12315，或透過「全國12315平台」小程式、www.12315.cn 投訴。
routes-consumer-fr = • 消費者保護：在法國消費者申訴平台 SignalConso（signal.conso.gouv.fr，由法國競爭、消費暨反詐欺總局營運）上反映問題；商家會收到通知，並可在平台上回覆您。
routes-consumer-tw = • 消費者保護：撥打 1950 消費者服務專線，或在行政院消費者保護會網站（cpc.ey.gov.tw）提出申訴。
routes-consumer-hk = • 消費者保護：香港消費者委員會，可以撥打熱線 2929 2222，或在其網站上投訴。
routes-consumer-other = • 消費者保護：您所在國家的消費者保護機關受理有關 App 內購買和支付 App 的投訴。
routes-keep-evidence = 請保留截圖、訂單編號和這段對話：以上每一種途徑都會要求您提供。
