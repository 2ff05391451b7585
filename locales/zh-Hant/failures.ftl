# Refund Desk — 繁體中文：我們這邊出錯時告訴對方的話（bot/telegram/processing.py）。
# 這裡的每則訊息都必須在 locales/ 下的所有語言中存在。

error-internal = 抱歉，我們這邊處理您剛才的訊息時出了問題。您先前填寫的內容都已保存，請重新傳送，或直接繼續。
