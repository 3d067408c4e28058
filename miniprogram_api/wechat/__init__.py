"""WeChat's callbacks: message push and the QR-link check files."""
