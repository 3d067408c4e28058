"""The outside world: WeChat, SMS, files, QR codes."""
