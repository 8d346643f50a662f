#!/usr/bin/env bash
# End-to-end comparison of spoe4j with HAProxy 2.6 on one machine, in one run (see bench/README.md).
#
# Measures with wrk the same HTTP workload through
#   haproxy+spoe   HAProxy with 'filter spoe' (bench/coraza-like.conf) and 'http-request return'
#   spoe4j+spoe    'spoe4j bench gateway' with the same spoe.conf, answering directly
#   haproxy        HAProxy, 'http-request return' only
#   spoe4j         'spoe4j bench gateway' without SPOE
# all four against the same agent process (the testkit example agent, or AGENT=HOST:PORT), then
# 'spoe4j bench' against the agent directly. Prints requests/s and p50/p99 of each and the ratios.
#
# Environment (all optional):
#   WRK_THREADS=1 WRK_CONNECTIONS=32 DURATION=10s WARMUP=5s   saturating load, per setup
#   LOW_CONNECTIONS=1 LOW_DURATION=5s                        moderate load for the SPOE overhead
#   PROXY_THREADS=2             HAProxy nbthread and gateway event loops
#   PROXY_CPUS AGENT_CPUS LOAD_CPUS   taskset CPU lists (default with >= 4 CPUs: 0-1, 2, 3; else no pinning)
#   AGENT=HOST:PORT             use this agent instead of starting the example agent (it must answer coraza-req)
#   BASE_PORT=28100             first of the loopback ports used (5 consecutive)
#   JAVA=java JAVA_OPTS="-Xms512m -Xmx512m -XX:+UseParallelGC"
#   BENCH_DURATION=10s BENCH_CONCURRENCY=64                'spoe4j bench' settings
#   RESULTS=file                also write the table to this file
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
JAR="$ROOT/spoe-cli/target/spoe4j.jar"
CONF="$HERE/coraza-like.conf"
LUA="$HERE/wrk-report.lua"

WRK_THREADS="${WRK_THREADS:-1}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-32}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-5s}"
LOW_CONNECTIONS="${LOW_CONNECTIONS:-1}"
LOW_DURATION="${LOW_DURATION:-5s}"
PROXY_THREADS="${PROXY_THREADS:-2}"
BASE_PORT="${BASE_PORT:-28100}"
JAVA="${JAVA:-java}"
JAVA_OPTS="${JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}"
BENCH_DURATION="${BENCH_DURATION:-10s}"
BENCH_CONCURRENCY="${BENCH_CONCURRENCY:-64}"
NCPU="$(nproc)"
if [[ -z "${PROXY_CPUS+x}${AGENT_CPUS+x}${LOAD_CPUS+x}" && "$NCPU" -ge 4 ]]; then
  PROXY_CPUS=0-1 AGENT_CPUS=2 LOAD_CPUS=3
fi
PROXY_CPUS="${PROXY_CPUS:-}" AGENT_CPUS="${AGENT_CPUS:-}" LOAD_CPUS="${LOAD_CPUS:-}"

AGENT_PORT=$BASE_PORT HAP_SPOE_PORT=$((BASE_PORT + 1)) HAP_PLAIN_PORT=$((BASE_PORT + 2))
GW_SPOE_PORT=$((BASE_PORT + 3)) GW_PLAIN_PORT=$((BASE_PORT + 4))

log() { printf '[compare] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
pin() { # pin CPULIST CMD... : exec CMD, under taskset when a CPU list is set. Only call it in a
  # subshell (&, $(...), a pipeline): it replaces the shell, so $! is the process itself.
  local cpus="$1"; shift
  if [[ -n "$cpus" ]]; then exec taskset -c "$cpus" "$@"; else exec "$@"; fi
}

# --- prerequisites -------------------------------------------------------------------------------
need_pkgs=()
command -v haproxy >/dev/null || [[ -x /usr/sbin/haproxy ]] || need_pkgs+=(haproxy)
command -v wrk >/dev/null || need_pkgs+=(wrk)
command -v curl >/dev/null || need_pkgs+=(curl)
command -v jq >/dev/null || need_pkgs+=(jq)
command -v taskset >/dev/null || need_pkgs+=(util-linux)
if (( ${#need_pkgs[@]} )); then
  log "installing ${need_pkgs[*]}"
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y "${need_pkgs[@]}" >&2
  else sudo apt-get install -y "${need_pkgs[@]}" >&2; fi
fi
HAPROXY="$(command -v haproxy || echo /usr/sbin/haproxy)"
if [[ ! -f "$JAR" ]]; then
  log "building $JAR"
  (cd "$ROOT" && mvn -B -q -pl spoe-cli -am package -DskipTests) >&2
fi
for p in $AGENT_PORT $HAP_SPOE_PORT $HAP_PLAIN_PORT $GW_SPOE_PORT $GW_PLAIN_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then die "port $p is in use (set BASE_PORT)"; fi
done

WORK="$(mktemp -d -t spoe4j-compare.XXXXXX)"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_port() { # wait_port PORT NAME PID
  for _ in $(seq 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    kill -0 "$3" 2>/dev/null || die "$2 exited; its log: $(tail -5 "$WORK/$2.log")"
    sleep 0.1
  done
  die "$2 did not listen on port $1 within 30s"
}

# --- the agent -----------------------------------------------------------------------------------
if [[ -n "${AGENT:-}" ]]; then
  AGENT_ADDR="$AGENT"
  log "using the agent at $AGENT_ADDR"
else
  AGENT_ADDR="127.0.0.1:$AGENT_PORT"
  pin "$AGENT_CPUS" "$JAVA" $JAVA_OPTS -jar "$JAR" agent --listen "$AGENT_ADDR" >"$WORK/agent.log" 2>&1 &
  PIDS+=($!)
  wait_port "$AGENT_PORT" agent "$!"
  log "example agent on $AGENT_ADDR (pid $!)"
fi

# --- HAProxy -------------------------------------------------------------------------------------
cat >"$WORK/haproxy.cfg" <<EOF
global
    nbthread $PROXY_THREADS
    maxconn 4000
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend with-spoe
    bind 127.0.0.1:$HAP_SPOE_PORT
    option http-buffer-request
    filter spoe engine bench config $CONF
    http-request return status 200 content-type text/plain string "ok\n" hdr x-spoe-var-txn-coraza-process_time "%[var(txn.coraza.process_time)]"
frontend plain
    bind 127.0.0.1:$HAP_PLAIN_PORT
    option http-buffer-request
    http-request return status 200 content-type text/plain string "ok\n"
backend bench-agents
    mode tcp
    timeout connect 5s
    timeout server 30s
    server agent ${AGENT_ADDR}
EOF
"$HAPROXY" -c -q -f "$WORK/haproxy.cfg" >&2 || die "haproxy rejected $WORK/haproxy.cfg"
pin "$PROXY_CPUS" "$HAPROXY" -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
PIDS+=($!)
HAP_PID=$!
wait_port "$HAP_SPOE_PORT" haproxy "$HAP_PID"
wait_port "$HAP_PLAIN_PORT" haproxy "$HAP_PID"

# --- spoe4j gateways (one JVM each, never running at the same time as a measured HAProxy run) -----
pin "$PROXY_CPUS" "$JAVA" $JAVA_OPTS -jar "$JAR" bench gateway --listen "127.0.0.1:$GW_SPOE_PORT" \
  --config "$CONF" --engine bench --agent "$AGENT_ADDR" --threads "$PROXY_THREADS" \
  --expose txn.coraza.process_time >"$WORK/gateway-spoe.log" 2>&1 &
PIDS+=($!)
wait_port "$GW_SPOE_PORT" gateway-spoe "$!"
pin "$PROXY_CPUS" "$JAVA" $JAVA_OPTS -jar "$JAR" bench gateway --listen "127.0.0.1:$GW_PLAIN_PORT" \
  --threads "$PROXY_THREADS" >"$WORK/gateway-plain.log" 2>&1 &
PIDS+=($!)
wait_port "$GW_PLAIN_PORT" gateway-plain "$!"

# --- sanity: each answers 200 "ok", and the SPOE setups really asked the agent -----------------------
check() { # check NAME PORT SPOE(yes|no)
  local resp
  resp="$(curl -s -i --max-time 5 "http://127.0.0.1:$2/check?x=1")" || die "$1: no answer"
  grep -q '^HTTP/1.1 200' <<<"$resp" || die "$1: not a 200: $resp"
  if [[ "$3" == yes ]] && ! grep -Eiq '^x-spoe-var-txn-coraza-process_time: [0-9]+' <<<"$resp"; then
    die "$1: the SPOE processing did not run (no txn.coraza.process_time): $resp"
  fi
}
check haproxy+spoe "$HAP_SPOE_PORT" yes
check spoe4j+spoe "$GW_SPOE_PORT" yes
check haproxy "$HAP_PLAIN_PORT" no
check spoe4j "$GW_PLAIN_PORT" no
log "all four setups answer; SPOE ran in both SPOE setups"

# --- measurements --------------------------------------------------------------------------------
declare -A RPS P50 P99 LOW50 LOW99 ERRS
run_wrk() { # run_wrk CONNECTIONS DURATION PORT -> WRK_RESULT line
  pin "$LOAD_CPUS" timeout 300 wrk -t"$WRK_THREADS" -c"$1" -d"$2" --latency -s "$LUA" "http://127.0.0.1:$3/" \
    | grep '^WRK_RESULT'
}
field() { sed -n "s/.* $1=\\([0-9.]*\\).*/\\1/p" <<<" $2"; }
measure() { # measure NAME PORT
  local line
  log "$1: warm-up $WARMUP, then $WRK_CONNECTIONS connections for $DURATION, then $LOW_CONNECTIONS for $LOW_DURATION"
  run_wrk "$WRK_CONNECTIONS" "$WARMUP" "$2" >/dev/null
  line="$(run_wrk "$WRK_CONNECTIONS" "$DURATION" "$2")"
  log "$1: $line"
  RPS[$1]="$(field rps "$line")" P50[$1]="$(field p50_us "$line")" P99[$1]="$(field p99_us "$line")"
  ERRS[$1]="$(( $(field socket_errors "$line") + $(field non2xx "$line") ))"
  line="$(run_wrk "$LOW_CONNECTIONS" "$LOW_DURATION" "$2")"
  log "$1 (moderate load): $line"
  LOW50[$1]="$(field p50_us "$line")" LOW99[$1]="$(field p99_us "$line")"
}
measure haproxy+spoe "$HAP_SPOE_PORT"
measure spoe4j+spoe "$GW_SPOE_PORT"
measure haproxy "$HAP_PLAIN_PORT"
measure spoe4j "$GW_PLAIN_PORT"

CORAZA_ARGS=(--message coraza-req app=str:sample_app src-ip=ipv4:127.0.0.1 src-port=int64:40000
  dst-ip=ipv4:127.0.0.1 dst-port=int64:"$GW_SPOE_PORT" method=str:GET path=str:/ query=null version=str:1.1
  "headers=str:host: 127.0.0.1:$GW_SPOE_PORT"$'\r\n' body=bin: exportRuleIDs=bool:false)
bench() { # bench NAME ARGS...
  local name="$1" json; shift
  log "spoe4j bench ($name): ${BENCH_DURATION} after a 3s warm-up"
  json="$(pin "$LOAD_CPUS" timeout 300 "$JAVA" $JAVA_OPTS -jar "$JAR" bench "$AGENT_ADDR" "${CORAZA_ARGS[@]}" \
    --duration "$BENCH_DURATION" --warmup 3s --json "$@")"
  log "$name: $json"
  RPS[$name]="$(jq -r .throughput_rps <<<"$json")"
  P50[$name]="$(jq -r '.latency_us.p50' <<<"$json")" P99[$name]="$(jq -r '.latency_us.p99' <<<"$json")"
  ERRS[$name]="$(jq -r .errors <<<"$json")"
}
bench "bench pipelined" --connections 1 --concurrency "$BENCH_CONCURRENCY" --pipelining on
bench "bench 1-by-1" --connections 1 --concurrency 1 --pipelining off

# --- report --------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
diffus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%d", a - b }'; }
{
  echo "# spoe4j vs HAProxy $("$HAPROXY" -v | head -1 | awk '{print $3}'), $(date -u +%FT%TZ), $NCPU CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$DURATION (after -d$WARMUP warm-up); moderate load: -c$LOW_CONNECTIONS -d$LOW_DURATION"
  echo "# proxy threads $PROXY_THREADS; CPUs: proxy '${PROXY_CPUS:-any}', agent '${AGENT_CPUS:-any}', load generator '${LOAD_CPUS:-any}'; agent $AGENT_ADDR"
  printf '%-16s %12s %10s %10s %8s %14s %14s\n' setup "requests/s" "p50 us" "p99 us" errors "p50 us (mod)" "p99 us (mod)"
  for s in haproxy+spoe spoe4j+spoe haproxy spoe4j; do
    printf '%-16s %12s %10s %10s %8s %14s %14s\n' "$s" "${RPS[$s]}" "${P50[$s]}" "${P99[$s]}" "${ERRS[$s]}" "${LOW50[$s]}" "${LOW99[$s]}"
  done
  for s in "bench pipelined" "bench 1-by-1"; do
    printf '%-16s %12s %10s %10s %8s\n' "$s" "${RPS[$s]}" "${P50[$s]}" "${P99[$s]}" "${ERRS[$s]}"
  done
  echo
  echo "ratio spoe4j/HAProxy requests/s, with SPOE:    $(ratio "${RPS[spoe4j+spoe]}" "${RPS[haproxy+spoe]}")"
  echo "ratio spoe4j/HAProxy requests/s, without SPOE: $(ratio "${RPS[spoe4j]}" "${RPS[haproxy]}")"
  echo "ratio spoe4j/HAProxy p99, with SPOE:           $(ratio "${P99[spoe4j+spoe]}" "${P99[haproxy+spoe]}")"
  echo "SPOE overhead at p50, moderate load (with - without): spoe4j $(diffus "${LOW50[spoe4j+spoe]}" "${LOW50[spoe4j]}") us, HAProxy $(diffus "${LOW50[haproxy+spoe]}" "${LOW50[haproxy]}") us"
} | tee ${RESULTS:+"$RESULTS"}
