"""码上办 use cases: one package per capability (docs/architecture.md), over shared, storage,
channels and the workflow engine."""
