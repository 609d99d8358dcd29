#!/usr/bin/env bash
# Run fingerpost from this checkout, setting up .venv first. With no arguments it starts the
# chat on the embedded content; `./fp lint docs/examples/replication` runs a command.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/scripts/setup-venv"
# Graphviz draws the diagrams (`diagram` in the chat); without it only .dot files are written.
"$here/scripts/system-packages" graphviz || echo "fp: could not install Graphviz; diagrams will be written as .dot files only" >&2
exec "$here/.venv/bin/fingerpost" "$@"
