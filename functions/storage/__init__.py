"""Single-table DynamoDB storage: models, key builders, one repository per entity."""
