#!/usr/bin/env bash
# The live proxy session: boto3 → docconform proxy → moto's server, all on 127.0.0.1, with the
# checks listed in proxy_moto_session.py. Makes a virtualenv (.venv-live) with the pinned
# boto3 and moto[server] the first time.
#
#   scripts/live/proxy_moto_session.sh [OUT_DIR]            # the checks (exit 1 when one fails)
#   FIXTURE=docs-corpus/fixtures/wire scripts/live/proxy_moto_session.sh   # also rewrite the fixture
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-/tmp/docconform-live-session}
DOCCONFORM=${DOCCONFORM:-.build/debug/docconform}
VENV=.venv-live
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import moto, boto3, flask' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r scripts/live/requirements.txt
fi
[ -x "$DOCCONFORM" ] || swift build --product docconform >/dev/null
exec "$VENV/bin/python" scripts/live/proxy_moto_session.py --docconform "$DOCCONFORM" --out "$OUT" ${FIXTURE:+--fixture "$FIXTURE"}
