# Refund Desk — Simplified Chinese (zh-Hans, mainland China). Same message ids and parameters
# as locales/en/main.ftl. Chinese has no plural forms, so counts are used directly.

## Start, consent, help

welcome = 👋 您好！我是退款助手 Refund Desk。如果孩子没经过您同意就在App里花了钱，或者您被重复扣款、付款失败却扣了钱，又或者付了钱服务却一直没开通，我可以帮您申请退款。整个过程大约五分钟。
ask-consent =
    <b>开始之前：关于您的隐私</b>
    为了处理您的申请，我需要保存您在这里提供的信息：账号、消费记录、截图，如果涉及孩子，还有孩子的年龄。这些信息只有我们的客服团队能看到，也只用于处理您的申请。申请结案、法定保存期限届满后，信息就会删除。
    您同意吗？
button-consent-yes = ✅ 我同意
button-consent-no = 不用了，谢谢
consent-declined = 好的，我不会保存任何信息。没有您的同意，我无法受理申请；不过您随时可以发送 /start 再来找我。
help =
    我每次只问一个问题；需要选择时，会出现按钮。
    /start — 开始申请，或继续之前没填完的申请
    /status — 查看您的申请和处理进度
    /routes — 其他维权途径
    /language — 切换语言
    /timezone — 更改时区（用来判断消费时间）
    /notifications — 开启或关闭进度通知
    /mydata — 获取我们保存的您的全部数据
    /delete — 删除您的数据
    /cancel — 放弃正在填写的申请
hint-start = 发送 /start 即可开始申请。
resume-question = 您在 { $started } 开始的申请还没填完。要从上次停下的地方继续吗？
button-resume = ▶️ 继续填写
button-restart = 🔄 重新开始
cancelled = 没填完的申请已放弃。想重新开始时，随时发送 /start。
nothing-to-cancel = 目前没有正在填写的申请，不需要取消。
case-already-submitted = 您的申请 <b>{ $reference }</b> 已经交给客服团队，他们会在这里回复您。如需提交新的申请，请发送 /start。

## Language and time zone

ask-language = 您想使用哪种语言？
language-name-en = English
language-name-fr = Français
language-name-zh-Hans = 简体中文
language-name-zh-Hant = 繁體中文
language-changed = 好的，从现在起我会用简体中文和您交流。
ask-timezone = 您当前的时区是 <b>{ $timezone }</b>。我靠它来理解“昨天晚上9点”这样的时间。请在下面选择您所在的时区，或者发送 /timezone 加上时区名称（如 Asia/Shanghai）或时差（如 UTC+8）。
timezone-button = { $zone }
timezone-changed = 时区已设为 <b>{ $timezone }</b>。
error-timezone = 我不认识“{ $value }”这个时区。请试试 Asia/Shanghai 这样的名称，或 UTC+8 这样的时差。

## The questions

ask-platform = 钱是在哪个App或平台上花的？
platform-douyin = 抖音
platform-tiktok = TikTok
platform-wechat = 微信小程序/小游戏
platform-kuaishou = 快手
platform-other = 其他
platform-custom = { $name }
# 句中使用的平台名称（“在抖音上消费的是哪个账号？”）。
platform-inline-douyin = 抖音
platform-inline-tiktok = TikTok
platform-inline-wechat = 微信
platform-inline-kuaishou = 快手
ask-platform-other = 这个App或平台叫什么名字？

ask-problem = 发生了什么情况？
problem-minor-purchase = 孩子没经过我同意花了钱
problem-payment-failed = 付款失败却扣了钱，或被重复扣款
problem-not-activated = 付了钱，但服务一直没开通
problem-other = 其他情况

ask-writer = 请问现在是谁在填写？
writer-parent = 家长
writer-guardian = 其他监护人
writer-minor = 孩子本人
writer-other = 其他人

ask-minor-age = 孩子几岁了？直接写数字就行，比如 12。
error-age = 请用数字写孩子的年龄，在 { $low } 到 { $high } 岁之间，比如 12。
error-age-range = { $age } 岁不在未成年人申请的年龄范围内（{ $low }–{ $high } 岁）。请再核对一下孩子的年龄。

ask-account = 在{ $platform }上消费的是哪个账号？请提供账号ID、昵称或注册用的手机号，App个人主页上能看到的都可以。

ask-tx-amount = <b>第 { $number } 笔消费</b>：扣了多少钱？比如 648元、¥30 或 30美元。
error-amount = 没能识别出金额。请把金额和币种一起写上，比如“648元”“¥30”“30美元”。
ask-tx-time = 是什么时候扣的款？比如“昨天晚上9点”“11月3日 14:10”或“2025-11-03 14:10”。（按您的时区 { $timezone } 计算，发送 /timezone 可以更改。）
error-time = 没能识别出日期和时间。可以试试“昨天晚上9点”“上周一晚上8点左右”或“2025-11-03 14:10”（时区：{ $timezone }）。
error-time-future = 这个时间还没到呢——您那里现在是 { $now }。请问是什么时候扣的款？
ask-tx-confirm = <b>{ $when }</b> 扣款 <b>{ $money }</b>，对吗？
tx-confirm-order = 订单号：{ $order }
tx-currency-assumed = （您没有写币种，我先按 { $currency } 算。如果不对，请点“不对，修改”，再点“金额”，重新输入时把币种也写上。）
tx-old-warning = ⚠️ 这已经是 { $days } 天前的消费了。时间久一些的消费也可以申请，但请确认日期没错。
button-tx-correct = ✅ 对，没错
button-tx-fix = ✏️ 不对，修改
ask-tx-fix = 第 { $number } 笔消费要修改哪一项？
button-fix-amount = 💰 金额
button-fix-time = 🕘 日期和时间
button-fix-order = 🧾 订单号
button-fix-nothing = ↩️ 没问题，不用改
ask-tx-order = 您有订单号（交易单号）吗？{ $where }有的话请直接发过来，没有就点下面的按钮。
tx-order-where =
    { $method ->
        [alipay] 在支付宝里打开“我的 → 账单”，点开那笔付款，账单详情里的“订单号”就是。
        [wechat-pay] 在微信里打开“我 → 服务 → 钱包 → 账单”，点开那笔付款，“交易单号”就是。
        [bank-card] 信用卡账单上通常没有订单号，不过银行App里这笔扣款的详情可能有交易流水号。
        [apple] 就是 Apple 收据邮件里的“订单号”（Order ID），在 reportaproblem.apple.com 上也能查到。
        [google-play] 就是 Google Play 收据邮件里以 GPA. 开头的订单号，在 Play 商店App的订单记录里也能查到。
        [platform-balance] 在App钱包里打开这笔消费的充值记录或消费记录就能看到。
       *[other] 可以在付款记录或收据上找到。
    }
button-no-order = 我没有订单号
error-order = 这看起来不像订单号：订单号由字母和数字组成，比如 4200001234202511031234567890。请重新发送，或点“我没有订单号”。
tx-recorded = 第 { $count } 笔消费已保存。目前合计：<b>{ $total }</b>。
ask-tx-more = 还有别的消费或扣款要添加吗？
button-tx-add = ➕ 再添加一笔
button-tx-done = 没有了
error-tx-max = 一份申请最多只能填 { $max } 笔消费。如果还有更多，请在情况说明里写清楚。
ask-tx-list = 您的消费记录——请选择要修改或删除的那一笔：
button-tx-change = ✏️ 修改第 { $number } 笔
button-tx-remove = 🗑 删除第 { $number } 笔
button-back-to-review = ↩️ 返回汇总
tx-removed = 第 { $number } 笔消费已删除。
error-tx-last = 一份申请至少要有一笔消费，请修改这一笔，不要删除。

ask-payment = 是用什么方式付的款？
payment-alipay = 支付宝
payment-wechat-pay = 微信支付
payment-bank-card = 银行卡或信用卡
payment-apple = 苹果 App Store
payment-google-play = Google Play
payment-platform-balance = 平台余额或虚拟币
payment-other = 其他
# 句中使用的付款方式（“用支付宝支付的款项……”）。
payment-inline-alipay = 支付宝
payment-inline-wechat-pay = 微信支付
payment-inline-bank-card = 银行卡或信用卡
payment-inline-apple = App Store
payment-inline-google-play = Google Play
payment-inline-platform-balance = 平台余额或虚拟币
ask-payment-other = 是哪种付款方式？
payment-record =
    { $method ->
        [alipay] 支付宝的账单详情（我的 → 账单）
        [wechat-pay] 微信支付的账单详情（我 → 服务 → 钱包 → 账单）
        [bank-card] 银行App的交易明细或信用卡账单
        [apple] Apple 发来的收据邮件，或 reportaproblem.apple.com 网站
        [google-play] Google Play 发来的收据邮件，或 Play 商店App的订单记录
        [platform-balance] App钱包里的充值记录和消费记录
       *[other] 付款记录或收据
    }

ask-evidence = 接下来请提供凭证：请发送App里这笔消费的截图（钱包或订单记录）和付款的截图，付款记录可以在{ $record }里找到。图片或PDF都可以，数量不限，一次发完或分几条发都行。完全没有截图的话，请点“我没有截图”。
evidence-count = 目前已收到 { $count } 个文件。可以继续发送，或点“完成”。
evidence-kept-aside = 收到的 { $count } 个文件已经存进您这份申请的凭证里。
button-evidence-done = ✅ 完成
button-no-evidence = 我没有截图
error-evidence-none = 还没有收到任何文件。请至少发一张截图，或点“我没有截图”。
error-evidence-text = 这一步需要截图或PDF文件，请以图片或文件的形式发送。如果没有截图，请点“我没有截图”。
error-evidence-text-more = 这一步需要截图或PDF文件。可以继续以图片或文件的形式发送，全部发完就点“完成”。
error-file-type = “{ $name }”无法使用：请发送图片或PDF文件。
error-file-size = “{ $name }”太大了（{ $size } MB，上限是 { $limit } MB）。发截图就够了。
error-evidence-max = 一份申请最多保存 { $max } 个文件，超出的没有保存。

ask-description = 请用您自己的话说说事情经过。任何有帮助的信息都可以：孩子是怎么付上款的、买了什么、您已经尝试过哪些办法。
error-description-short = 请再多说一点，一两句话就够了。
ask-contact = 要不要留一个其他联系方式（电话或邮箱）？可以不填，我们都会在这里回复您。
button-skip-contact = 跳过

## Review and submit

review-header = <b>请核对您的申请</b>
# 每行一项（消息的各部分之间空一行）；各语言相同。
review-lines =
    { $first }
    { $rest }
review-platform = 平台：{ $value }
review-problem = 问题：{ $value }
review-writer = 填写人：{ $value }
review-minor-age = 孩子年龄：{ $age } 岁
review-account = 账号：{ $value }
review-tx-line = { $number }. { $money } — { $when } — 订单号：{ $order }
review-total = 合计：<b>{ $total }</b>
review-payment = 付款方式：{ $value }
review-evidence = 凭证：{ $count } 个文件
review-no-evidence = 凭证：无（您表示没有截图）
review-description = 情况说明：{ $value }
review-contact = 联系方式：{ $value }
review-no-contact = 联系方式：只在这里联系
ask-review = 需要修改的话，请点对应的按钮；确认无误就提交申请。
button-edit-platform = ✏️ 平台
button-edit-problem = ✏️ 问题
button-edit-writer = ✏️ 填写人
button-edit-minor-age = ✏️ 孩子年龄
button-edit-account = ✏️ 账号
button-edit-transactions = ✏️ 消费记录
button-edit-payment = ✏️ 付款方式
button-edit-evidence = ➕ 补充凭证
button-edit-description = ✏️ 情况说明
button-edit-contact = ✏️ 联系方式
button-submit = 📨 提交申请
submitted = ✅ 您的申请已提交，申请编号是 <b>{ $reference }</b>。以后联系我们时，请提供这个编号。
submitted-timeline = 接下来：客服会审核您的申请，并在 { $days } 个工作日内在这里回复您。如果需要补充材料，也会在这里问您。如果您对处理结果有异议，可以申诉一次。随时发送 /status 就能查看进度。

## Status

status-none = 您还没有提交过申请。
status-header = <b>您的申请</b>
status-submitted = 已收到，等待客服处理
status-in-review = 审核中
status-waiting-parent = 等待您回复
status-decided = 已有处理结果
status-appealed = 申诉审核中
status-closed = 已结案

## Things the bot can't use

error-use-buttons = 请点下面的按钮进行选择。
error-empty-answer = 回答是空的，请写点内容。
error-text-too-long = 这个回答太长了（{ $length } 个字，最多 { $max } 个字），请精简一下。
error-stale-button = 这个按钮属于之前的问题，已忽略。
error-sticker = 贴纸很可爱！不过我这里只能看懂文字哦。
error-voice = 我听不了语音或视频消息，请打字回答。
error-unsupported = 这里无法使用这类消息。
error-media-here = 谢谢！稍后我会请您发截图，现在需要先用文字回答。
error-edited = 我只能看到新发的消息，看不到修改过的内容。如果想改回答，请重新发一条消息。
error-unknown-command = 我不认识 { $command } 这个命令。

## Command menu (Telegram)

command-start = 开始或继续退款申请
command-status = 查看我的申请
command-language = 切换语言
command-timezone = 更改时区
command-help = 使用说明
command-cancel = 放弃正在填写的申请

## Support team's group (in the agents' language)

desk-topic-name = { $reference } · { $platform } · { $total }
desk-card-header = 📋 案件 <b>{ $reference }</b> — { $status }
desk-card-escalated = 🚨 已升级至主管
desk-card-overdue = ⏰ 已逾期
desk-card-tx-when = { $when }（{ $city }，UTC{ $offset }）
desk-card-tx-when-team = { $when }（{ $city }，UTC{ $offset }）· { $team_city }时间 { $team_time }
desk-card-parent = 家长语言：{ $language } · 时区 { $timezone } · 提交于 { $submitted }
desk-card-due = 处理期限：{ $due }
desk-card-assignee = 处理人：{ $name }
desk-card-unassigned = 尚未认领
desk-card-approved = 处理结果：全额批准（{ $total }）
desk-card-partial = 处理结果：部分批准（{ $amount }）
desk-card-rejected = 处理结果：驳回——{ $reason }
desk-card-note = 给家长的备注：{ $note }
desk-card-waiting-question = ✍️ 正在等待 { $name } 向家长提问：其在本话题中的下一条消息即为问题。
desk-card-waiting-amount = ✍️ 正在等待 { $name } 填写批准金额：其在本话题中的下一条消息（如 300 或 300 CNY）。
desk-card-waiting-reason = ✍️ { $name } 正在驳回此案件：请在下方选择原因。
desk-card-waiting-note = ✍️ { $name } 正在驳回此案件（{ $reason }）：正在等待其给家长的备注（本话题中的下一条消息），或点下方的“不加备注”。
desk-evidence-caption = { $reference } 的凭证（{ $count } 个文件）
desk-button-claim = 🙋 认领
desk-button-unclaim = ↩️ 取消认领
desk-button-ask = ❓ 询问家长
desk-button-approve = ✅ 批准
desk-button-partial = ➗ 部分批准
desk-button-reject = ❌ 驳回
desk-button-escalate = 🚨 升级
desk-button-close = 🗂 结案
desk-button-reopen = 🔓 重新打开
desk-button-no-note = 不加备注
desk-button-cancel = ✖️ 取消
desk-button-files = 📎 查看 { $count } 个文件
reject-button-insufficient-evidence = 凭证不足
reject-button-not-a-minor = 非未成年人消费
reject-button-too-old = 时间过久
reject-button-already-refunded = 已退过款
reject-button-duplicate = 重复申请
reject-button-other = 其他原因
desk-status-submitted = 新案件
desk-status-in-review = 审核中
desk-status-waiting-parent = 等待家长回复
desk-status-decided = 已出结果
desk-status-appealed = 申诉中
desk-status-closed = 已结案
reject-reason-insufficient-evidence = 所提供的凭证无法证明这些消费
reject-reason-not-a-minor = 这些消费并非未成年人所为
reject-reason-too-old = 消费时间过久，无法退款
reject-reason-already-refunded = 这些消费已经退过款
reject-reason-duplicate = 相同的申请已经提交过
reject-reason-other = 申请不符合退款条件
desk-refused-state = { $reference } — { $status }：目前不能执行此操作。
desk-refused-unclaimed = { $reference } 还没有人认领。
desk-refused-claimed = { $reference } 已由 { $name } 认领。
desk-refused-escalated = { $reference } 已升级至主管。
desk-refused-other-agent = { $reference } 由 { $name } 负责：只有负责人或主管才能执行此操作。
desk-refused-unknown = 此按钮已失效。
desk-not-agent = 只有客服人员才能在这里处理案件。
desk-ask-prompt = 请在本话题中发送下一条消息，写下要问 { $reference } 家长的问题。
desk-question-sent = 问题已发送给 { $reference } 的家长。
desk-partial-prompt = { $reference } 应退款多少？请在下一条消息中发送金额{ $example ->
        [bare] （如 { $amount } 或 { $amount } { $currency }）。
        [coded] （如 { $amount } { $currency }，需注明币种）。
       *[none] 。
    }
desk-partial-currency = 请注明币种：申请金额为 { $total }。
desk-partial-too-much = 超过了申请金额（{ $total }）。
desk-reject-prompt = 请在案件卡片上选择驳回 { $reference } 的原因。
desk-reject-note-prompt = 请在下一条消息中给 { $reference } 的家长写一条备注，或点“不加备注”。
desk-files-already-shown = { $reference } 的文件已经发布在本话题中。
desk-escalated = 🚨 { $reference } 已升级至主管。
desk-mention = <a href="tg://user?id={ $id }">主管</a>
desk-closed-no-relay = { $reference } 已结案：消息没有发送给家长。如需联系家长，请重新打开案件。
desk-queue-header = <b>未结案件</b>（按紧急程度排序）：
desk-mine-header = <b>您的未结案件</b>（按紧急程度排序）：
desk-queue-empty = 没有未结案件。🎉
desk-queue-line = { $reference } · { $status } · { $age } · 截止 { $due } · { $name }
desk-queue-line-overdue = ⏰ { $reference } · { $status } · { $age } · 已逾期（截止 { $due }） · { $name }
desk-age-hours = { $hours } 小时前提交
desk-age-days = { $days } 天前提交
desk-case-unknown = 找不到案件 { $reference }。用法：/case K7QM4
relay-from-parent = 👤 家长（{ $reference }）：{ $text }
relay-from-parent-edited = 👤 家长（{ $reference }）更正了之前的消息：{ $text }

## Parents, about their submitted case

support-name = 客服
relay-to-parent = 💬 { $name }（申请 <b>{ $reference }</b>）：{ $text }
relay-to-parent-edited = 💬 { $name }（申请 <b>{ $reference }</b>，更正之前的消息）：{ $text }
parent-claimed = { $name }正在处理您的申请 <b>{ $reference }</b>。
parent-question = ❓ 关于您的申请 <b>{ $reference }</b>，{ $name }需要您补充一些信息：{ $text }
    直接在这里回复就行，文字或截图都可以。
parent-escalated = 您的申请 <b>{ $reference }</b> 已转交主管处理。
parent-closed = 您的申请 <b>{ $reference }</b> 已结案。如需提交新的申请，请发送 /start。
parent-reopened = 您的申请 <b>{ $reference }</b> 已重新打开，正在重新审核。
parent-decision-note = 客服补充说明：{ $note }
button-appeal = ⚖️ 申诉
parent-which-case = 您的消息是关于哪一份申请的？
button-case = 申请 { $reference }
parent-relayed = 已转给客服（申请 <b>{ $reference }</b>），我们会在这里回复您。
parent-all-closed = 您的申请都已结案。

## Follow-ups

reminder-intake-first = 您有一份退款申请还没填完。要从上次停下的地方继续吗？只需要几分钟。
reminder-intake-again = 您的退款申请还在等您填完。填完提交后，客服团队才能开始处理。
reminder-missing-evidence = 您的申请 <b>{ $reference }</b> 还没有截图。如果能找到消费记录或付款凭证，请直接发到这里，退款的可能性会大很多。
parent-check-in = 您的申请 <b>{ $reference }</b> 最新进度：{ $status }。我们没有忘记您，客服团队会尽量在 { $due } 前给出处理结果。
parent-satisfaction = 您的申请 <b>{ $reference }</b> 已结案。您对我们的服务还满意吗？
button-rating = { $stars ->
        [1] ⭐
        [2] ⭐⭐
        [3] ⭐⭐⭐
        [4] ⭐⭐⭐⭐
       *[other] ⭐⭐⭐⭐⭐
    }
parent-thanks = 感谢您的反馈！
desk-unclaimed = 🙋 { $reference } 已等待 { $hours } 小时，仍无人认领。
desk-deadline-warning = ⏳ { $reference }：处理期限为 { $due }。
desk-deadline-overdue = ⏰ { $reference } 已逾期：处理期限为 { $due }。
text-cut = …（已截断）

## A claim's purchases in /status, numbered, each on the clock the parent gave it in (a part of
## the day stays "in the evening, around 8:00 PM").
status-purchase = { $number }. { $money } — { $when }

## The time zone, asked once before the first purchase's time when the language names no place
## (a bare "en" client): a city button, or a city or an offset typed (handlers/intake/zone.py).
ask-zone = 在填写时间之前想先问一下：您在哪里？您说的时间我会按您当地的时间来理解，客服看到的也是您当地的时间。请点您所在的城市（或与您时间相同的城市），也可以直接输入其他城市或与 UTC 的时差，例如“Berlin”或“UTC-5”。
error-zone = 我不知道“{ $value }”在哪里。请点与您时间相同、离您最近的城市，或者输入与 UTC 的时差，例如“UTC+8”或“-5”。
zone-city-london = 伦敦
zone-city-new-york = 纽约
zone-city-chicago = 芝加哥
zone-city-los-angeles = 洛杉矶
zone-city-sydney = 悉尼
zone-city-auckland = 奥克兰
zone-city-singapore = 新加坡
zone-city-hong-kong = 香港
zone-city-shanghai = 上海
zone-city-india = 印度
