# 多個客服群組（團隊）：案件分配與轉交。
desk-team-main = 主團隊
desk-team-named = { $name }
desk-button-move = ↪️ 轉交
desk-move-prompt = 請在案件卡片上選擇接手 { $reference } 的團隊。
desk-card-waiting-team = ↪️ { $name } 正在轉交此案件：請在下方選擇團隊。
desk-move-wait = { $reference } 仍在發布到本群組中；請等案件卡片和檔案都送出後再轉交。
desk-moved = 已將 { $reference } 轉交給{ $team }。
desk-card-moved = ↪️ 已轉交給{ $team }：現在由該團隊在其群組中處理。
desk-case-other-team = { $reference } 現已由{ $team }負責：由該團隊在其群組中處理。
