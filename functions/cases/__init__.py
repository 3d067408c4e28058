"""Cases (群众诉求): rules (states, moves, deadlines), repository, submission, handling, lists,
views, the reminder sweep."""
