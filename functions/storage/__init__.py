"""Single-table DynamoDB storage: models, key builders, index uses, connections. Each
capability keeps the repository of its own items."""
