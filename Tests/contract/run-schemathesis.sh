#!/usr/bin/env bash
# docs/openapi.yaml checked against the real service with schemathesis (`--checks all`): the built
# `reveille serve` on its compiled-in defaults in a temporary folder, readiness from its own log line.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
log="$work/serve.log"
cd "$work"
HTTP_PORT=0 PBX_PORT=0 "$root/.build/debug/reveille" serve 2>"$log" &
service=$!
trap 'kill $service 2>/dev/null || true; wait $service 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 600); do
    port="$(sed -n 's|.*reception page at http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log" | head -1)"
    [ -n "$port" ] && break
    kill -0 $service 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.1
done
[ -n "$port" ] || { echo "reveille serve did not come up"; cat "$log"; exit 1; }
schemathesis --config-file "$root/Tests/contract/schemathesis.toml" run "$root/docs/openapi.yaml" \
    --url "http://127.0.0.1:$port" -H "Authorization: Bearer admin-demo-token-0001" \
    --checks all --max-examples 50 --seed 1
