# Refund Desk — 简体中文：我们这边出错时告诉对方的话（bot/telegram/processing.py）。
# 这里的每条消息都必须在 locales/ 下的所有语言中存在。

error-internal = 抱歉，我们这边处理您刚才的消息时出了问题。您之前填写的内容都已保存，请重新发送，或直接继续。
