"""Who someone is: users, WeChat and phone login, staff accounts, passwords, tokens, binding,
access checks."""
