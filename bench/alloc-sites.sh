#!/usr/bin/env bash
# Where a JMH benchmark's allocation goes, exactly: runs it with -XX:-UseTLAB and a JFR recording
# of every allocation (alloc-sites.jfc), then prints the bytes per operation of each allocation
# site (alloc-sites.py). Slow (every object is an event): short iterations; B/op is what to read.
# Usage: bench/alloc-sites.sh 'EngineRoundTripBenchmark' -p listener=none -p agentIn=process -p ack=empty
# Env: THREADS=jmh-worker,spoe-client MARKER=io.spoe4j.client.SpoeResult OUT=/tmp/spoe4j-alloc.jfr
#      MIN_PER_OP=0.9 JAR=jmh/target/benchmarks.jar
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
JAR="${JAR:-$ROOT/jmh/target/benchmarks.jar}"
OUT="${OUT:-/tmp/spoe4j-alloc.jfr}"
THREADS="${THREADS:-jmh-worker,spoe-client}" MARKER="${MARKER:-io.spoe4j.client.SpoeResult}"
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q -pl jmh -am package -DskipTests)
java -jar "$JAR" "$@" -f 1 -wi 2 -i 2 -w 1 -r 1 \
  -jvmArgsAppend "-XX:-UseTLAB -XX:StartFlightRecording=filename=$OUT,settings=$HERE/alloc-sites.jfc" | tail -3
python3 "$HERE/alloc-sites.py" "$OUT" "$THREADS" "$MARKER" "${MIN_PER_OP:-0.9}"
