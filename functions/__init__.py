"""码上办 use cases: one module per capability, pure domain and storage beneath."""
