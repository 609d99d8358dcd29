"""The chat: a prompt_toolkit REPL (repl) over a Conversation, its commands and the `docs` command."""
