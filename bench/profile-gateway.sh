#!/usr/bin/env bash
# Profiles 'spoe4j bench gateway' with SPOE (bench/coraza-like.conf) under wrk load with JFR and
# prints the hottest frames (self time) and the hottest spoe4j/netty frames (anywhere on the stack).
# Env: DURATION=10s WRK_CONNECTIONS=32 BASE_PORT=28200 OUT=/tmp/spoe4j-gateway.jfr NO_SPOE=1 (baseline)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
JAR="$ROOT/spoe-cli/target/spoe4j.jar"
DURATION="${DURATION:-10s}" WRK_CONNECTIONS="${WRK_CONNECTIONS:-32}" BASE_PORT="${BASE_PORT:-28200}"
OUT="${OUT:-/tmp/spoe4j-gateway.jfr}"
command -v wrk >/dev/null || { if [[ $(id -u) -eq 0 ]]; then apt-get install -y wrk; else sudo apt-get install -y wrk; fi; }
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q -pl spoe-cli -am package -DskipTests)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
wait_port() { for _ in $(seq 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 not up" >&2; exit 1; }
java -jar "$JAR" agent --listen "127.0.0.1:$BASE_PORT" >/dev/null 2>&1 &
PIDS+=($!)
wait_port "$BASE_PORT"
SPOE=(--config "$HERE/coraza-like.conf" --engine bench --agent "127.0.0.1:$BASE_PORT")
[[ -n "${NO_SPOE:-}" ]] && SPOE=()
java -Xms512m -Xmx512m -XX:+UseParallelGC -XX:StartFlightRecording=filename="$OUT",settings=profile \
  -jar "$JAR" bench gateway --listen "127.0.0.1:$((BASE_PORT + 1))" --threads 2 "${SPOE[@]}" >/dev/null 2>&1 &
GW=$!
PIDS+=($GW)
wait_port $((BASE_PORT + 1))
wrk -t1 -c"$WRK_CONNECTIONS" -d5s "http://127.0.0.1:$((BASE_PORT + 1))/" >/dev/null
wrk -t1 -c"$WRK_CONNECTIONS" -d"$DURATION" "http://127.0.0.1:$((BASE_PORT + 1))/" | grep -E "Requests/sec|Latency"
kill "$GW"; wait "$GW" 2>/dev/null || true
echo "== self time (top frames), $OUT"
jfr print --events jdk.ExecutionSample "$OUT" | grep -A1 'stackTrace = \[' | grep -v 'stackTrace\|^--' \
  | sed 's/line:.*//' | sort | uniq -c | sort -rn | head -25
echo "== spoe4j frames anywhere on the stack (inclusive)"
jfr print --events jdk.ExecutionSample "$OUT" | awk '/stackTrace = \[/{s=1; delete seen; next} /^\]/{s=0} s && /io\.spoe4j/ {sub(/line:.*/,""); gsub(/^ +/,""); if (!seen[$0]++) print}' \
  | sort | uniq -c | sort -rn | head -25
