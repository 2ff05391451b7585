# 多个客服群（团队）：案件分配与转交。
desk-team-main = 主团队
desk-team-named = { $name }
desk-button-move = ↪️ 转交
desk-move-prompt = 请在案件卡片上选择接手 { $reference } 的团队。
desk-card-waiting-team = ↪️ { $name } 正在转交此案件：请在下方选择团队。
desk-move-wait = { $reference } 仍在发布到本群中；请等案件卡片和文件都发出后再转交。
desk-moved = 已将 { $reference } 转交给{ $team }。
desk-card-moved = ↪️ 已转交给{ $team }：现在由该团队在其群中处理。
desk-case-other-team = { $reference } 现已由{ $team }负责：由该团队在其群中处理。
