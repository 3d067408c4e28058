"""What every capability shares: clock, config, ids, errors, pagination, validation, working
days, the scheduled-handler shape."""
