"""fingerpost: a documentation-driven decision knowledge base with a chat interface."""

__version__ = "0.1.0"
