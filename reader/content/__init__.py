"""Documents and their annotations: loading, the model, validation."""
