#!/usr/bin/env bash
# 200 concurrent 10 MiB uploads through `spoe4j gateway` (SPOE on every request, bodies streamed), with
# the gateway's heap capped; prints its heap high-water mark (jstat, every 100 ms) and peak RSS.
# Loopback only. Usage: bench/upload-memory.sh [CLIENTS] [MIB] [XMX]
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${1:-200}; MIB=${2:-10}; XMX=${3:-64m}
[ -f spoe-cli/target/spoe4j.jar ] || mvn -B -q -ntp -pl spoe-cli -am package -DskipTests
[ -d spoe-cli/target/test-classes/io/spoe4j/cli/gateway ] || mvn -B -q -ntp -pl spoe-cli -am test-compile
CP=spoe-cli/target/test-classes:spoe-cli/target/spoe4j.jar
LOG=$(mktemp -d)
java -cp "$CP" io.spoe4j.cli.gateway.UploadLoad sink > "$LOG/sink" 2>&1 &
SINK=$!
trap 'kill $SINK $GW $STAT 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q '^sink ' "$LOG/sink" && break; sleep 0.1; done
SINK_PORT=$(awk '/^sink /{print $2}' "$LOG/sink")
GW_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -Xmx"$XMX" -Xms"$XMX" -jar spoe-cli/target/spoe4j.jar gateway --listen 127.0.0.1:"$GW_PORT" \
    --backend http://127.0.0.1:"$SINK_PORT" > "$LOG/gateway" 2>&1 &
GW=$!
for _ in $(seq 200); do grep -q 'listening on' "$LOG/gateway" && break; sleep 0.1; done
jstat -gc "$GW" 100 > "$LOG/jstat" &
STAT=$!
PEAK_RSS=0
( while kill -0 "$GW" 2>/dev/null; do
    R=$(awk '/VmRSS/{print $2}' /proc/"$GW"/status 2>/dev/null || echo 0); echo "$R"; sleep 0.1; done ) > "$LOG/rss" &
RSS_LOOP=$!
java -cp "$CP" io.spoe4j.cli.gateway.UploadLoad upload "$GW_PORT" "$CLIENTS" "$MIB"
RC=$?
kill $STAT $RSS_LOOP 2>/dev/null || true
# heap used = S0U + S1U + EU + OU (KiB), highest sample
awk 'NR>1 && $1 ~ /^[0-9.]+$/ {u=$3+$4+$6+$8; if (u>m) m=u} END {printf "gateway heap high-water: %.1f MiB (-Xmx%s)\n", m/1024, "'"$XMX"'"}' "$LOG/jstat"
sort -n "$LOG/rss" | tail -1 | awk '{printf "gateway peak RSS: %.1f MiB\n", $1/1024}'
grep -c '"POST /upload/' "$LOG/gateway" | awk '{print "access log lines: " $1}'
exit $RC
