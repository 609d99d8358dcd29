"""Sub-commands of `fingerpost`; see fingerpost.cli."""
