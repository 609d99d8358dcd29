"""engine: reasoning over a compiled knowledge base (see engine.reason)."""
