#!/usr/bin/env bash
# Called by `make test` with the embedded services up. Lint, migrations, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff check"; ruff check .
echo "== ruff format --check"; ruff format --check .
echo "== makemigrations --check"; python manage.py makemigrations --check --dry-run
echo "== pytest"; exec python -m pytest "$@"
