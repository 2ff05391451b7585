# Refund Desk — 简体中文：/status，家长查看自己的申请（handlers/aftercare/status.py）。
# 每条消息都必须在 locales/ 下的所有语言中存在。

## 列表中和详情中的一份申请

# 把几行合成一段；各语言内容相同。
status-lines =
    { $first }
    { $rest }
status-case = 申请 <b>{ $reference }</b>（{ $platform }）：{ $status }
status-claimed = 申请金额：{ $amount }
status-refund = 确定退款：{ $amount }
status-not-approved = 未获批准：{ $reason }
status-due = 预计在 { $due } 前给出处理结果
status-overdue = ⏰ 处理结果原定在 { $due } 前给出，抱歉让您久等了，我们正在跟进。
status-timeline = <i>处理进度：</i>
status-event = • { $when }：{ $what }
status-compact = <b>{ $reference }</b>（{ $submitted } 提交）：{ $status } · { $claimed }
status-more = ……另有 { $count } 份较早的申请。要查看其中一份，请发送 /status 加申请编号，例如 <code>/status K7QM4</code>。
status-pick = 点按一份申请，可以查看详情、补充留言或补充凭证。
status-unknown = 在您的申请中找不到编号 { $reference }。申请编号在您提交申请时收到的消息里；发送 /status 可以查看您的全部申请。

## 补充申请

status-write-message = 请现在写下关于 <b>{ $reference }</b> 的留言，它会直接转给客服团队。
status-send-evidence = 请现在发送 <b>{ $reference }</b> 的截图或文件（可以一次发多张），它们会直接转给客服团队。
status-closed-no-message = 您的申请 <b>{ $reference }</b> 已结案，无法再补充内容。如有需要，请发送 /start 提交新的申请。
status-finish-intake-first = 您正在填写一份新的申请，下一条消息会被当作这份申请的回答。请先填完（或发送 /cancel），再点一次 <b>{ $reference }</b> 的按钮。
status-finish-appeal-first = 您正在为 <b>{ $reference }</b> 填写申诉，下一条消息会被加到申诉里。请先提交或取消申诉，再点一次按钮。
button-status-open = 📄 查看 { $reference }
button-status-message = ✉️ 补充留言
button-status-evidence = 📎 补充凭证
button-status-all = ⬅️ 我的全部申请

## 处理进度，每一步一行（这里从不显示客服的名字）

timeline-submitted = 您提交了申请
timeline-claimed = 客服已开始处理
timeline-asked = 客服向您提了问题
timeline-support-message = 客服给您发了 { $count } 条消息
timeline-parent-message = 您发了 { $count } 条消息
timeline-approved = 全额批准
timeline-partial = 部分批准
timeline-rejected = 未获批准
timeline-decided = 已有处理结果
timeline-appealed = 您提出了申诉
timeline-escalated = 已转交主管
timeline-closed = 已结案
timeline-reopened = 已重新打开，重新审核
