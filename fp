#!/usr/bin/env bash
# Run fingerpost from this checkout, setting up .venv first. With no arguments it starts the
# chat on the embedded content; `./fp lint docs/examples/replication` runs a command.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/scripts/setup-venv"
exec "$here/.venv/bin/fingerpost" "$@"
