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
# WORKLOAD=iprep measures instead a forwarding proxy: both read one haproxy.cfg (spoe4j gateway
# --haproxy-cfg) that sends check-client-ip (bench/ip-reputation.conf) on every request and forwards
# to the same upstream (a third, single-threaded HAProxy answering 200); the setups without SPOE
# keep the filter with a message that never fires. Neither proxy logs requests (HAProxy has no 'log'
# line, the gateway runs with --no-access-log) and both send the upstream the same request (the
# gateway runs with --no-variable-headers: HAProxy forwards variables only by rules).
# The report ends with each process's CPU time per request under the saturating load (from
# /proc/PID/stat), which shows where a difference in requests/s comes from.
#
# Environment (all optional):
#   WRK_THREADS=1 WRK_CONNECTIONS=32 DURATION=10s WARMUP=60s  saturating load, per setup (the warm-up: a JVM
#                               needs about a minute under this load on 2 CPUs, where C2 competes for them)
#   REWARM=15s                  a second warm-up run right after the first (0: none): the first one's end
#                               closes connections with requests in flight, which deoptimizes the gateway's
#                               hot methods once (JFR jdk.Deoptimization); this lets C2 recompile them
#   LOW_CONNECTIONS=1 LOW_DURATION=5s                        moderate load for the SPOE overhead
#   PROXY_THREADS=2             HAProxy nbthread and gateway event loops
#   PROXY_CPUS AGENT_CPUS LOAD_CPUS   taskset CPU lists (default with >= 4 CPUs: 0-1, 2, 3; else no pinning)
#   WORKLOAD=coraza|iprep       coraza-like.conf answered by the proxy, or ip-reputation.conf forwarded upstream
#   ROUNDS=1                    measure the setups this many times, alternated (warm-up in round 1 only);
#                               the table shows the mean of the rounds, each round is logged
#   AGENT=HOST:PORT             use this agent instead of starting the example agent (it must answer the
#                               workload's message: coraza-req, or check-client-ip)
#   AGENT_CMD='CMD ... %PORT%'  start this agent instead (e.g. HAProxy's C spoa-example built locally:
#                               AGENT_CMD='/path/to/spoa -p %PORT%'); %PORT% is replaced by its port
#   BASE_PORT=28100             first of the loopback ports used (5 consecutive)
#   JAVA=java JAVA_OPTS="-Xms512m -Xmx512m -XX:+UseParallelGC"
#   BENCH_DURATION=10s BENCH_CONCURRENCY=64                'spoe4j bench' settings
#   GATEWAY_OPTS='--threads 2 --no-access-log --no-variable-headers'   the iprep gateways' options (default:
#                               PROXY_THREADS loops, no access log, no x-spoe-* headers); JAR=path/to/spoe4j.jar
#                               measures another build
#   SETUPS='haproxy+spoe spoe4j+spoe haproxy spoe4j'   the setups measured, in this order
#   SKIP_BENCH=1                leave out the 'spoe4j bench' rows
#   B_JAR=path/to/other.jar     also measure a second SPOE gateway, setup 'spoe4j-b+spoe' (add it to SETUPS),
#                               with B_JAR, B_JAVA_OPTS (default JAVA_OPTS) and, for iprep, B_GATEWAY_OPTS
#                               (default GATEWAY_OPTS): an A/B of two builds or JVM settings in one run
#   RESIDENCE=1                 also capture each saturating round's packets on the proxy's port (tcpdump, run
#                               as root) and report how long the proxy held each request on the wire
#                               (bench/residence.py), beside wrk's latency, which adds the load generator's
#                               own waits for a CPU; tcpdump costs CPU too, so compare setups within a run
#   RESULTS=file                also write the table to this file
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
JAR="${JAR:-$ROOT/spoe-cli/target/spoe4j.jar}"
WORKLOAD="${WORKLOAD:-coraza}"
case "$WORKLOAD" in
  coraza) CONF="$HERE/coraza-like.conf" ;;
  iprep) CONF="$HERE/ip-reputation.conf" ;;
  *) echo "[compare] error: WORKLOAD must be coraza or iprep, got '$WORKLOAD'" >&2; exit 2 ;;
esac
ROUNDS="${ROUNDS:-1}"
SETUPS="${SETUPS:-haproxy+spoe spoe4j+spoe haproxy spoe4j}"
LUA="$HERE/wrk-report.lua"

WRK_THREADS="${WRK_THREADS:-1}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-32}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-60s}"
REWARM="${REWARM:-15s}"
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
GW_SPOE_PORT=$((BASE_PORT + 3)) GW_PLAIN_PORT=$((BASE_PORT + 4)) UPSTREAM_PORT=$((BASE_PORT + 5))
GW_B_PORT=$((BASE_PORT + 6))

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
if [[ -n "${RESIDENCE:-}" ]]; then
  command -v tcpdump >/dev/null || need_pkgs+=(tcpdump)
  command -v python3 >/dev/null || need_pkgs+=(python3)
fi
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
for p in $AGENT_PORT $HAP_SPOE_PORT $HAP_PLAIN_PORT $GW_SPOE_PORT $GW_PLAIN_PORT $UPSTREAM_PORT $GW_B_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then die "port $p is in use (set BASE_PORT)"; fi
done

WORK="$(mktemp -d -t spoe4j-compare.XXXXXX)"
PIDS=()
declare -A PID_OF # process name -> pid, for the CPU accounting
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
elif [[ -n "${AGENT_CMD:-}" ]]; then
  AGENT_ADDR="127.0.0.1:$AGENT_PORT"
  pin "$AGENT_CPUS" ${AGENT_CMD//%PORT%/$AGENT_PORT} >"$WORK/agent.log" 2>&1 &
  PIDS+=($!) PID_OF[agent]=$!
  wait_port "$AGENT_PORT" agent "$!"
  log "agent '${AGENT_CMD//%PORT%/$AGENT_PORT}' on $AGENT_ADDR (pid $!)"
else
  AGENT_ADDR="127.0.0.1:$AGENT_PORT"
  pin "$AGENT_CPUS" "$JAVA" $JAVA_OPTS -jar "$JAR" agent --listen "$AGENT_ADDR" >"$WORK/agent.log" 2>&1 &
  PIDS+=($!) PID_OF[agent]=$!
  wait_port "$AGENT_PORT" agent "$!"
  log "example agent on $AGENT_ADDR (pid $!)"
fi

# --- HAProxy and the spoe4j gateways (one JVM each; only one proxy is under load at a time) -----------
cat >"$WORK/global.cfg" <<EOF
global
    nbthread $PROXY_THREADS
    maxconn 4000
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
EOF
cat >"$WORK/agents.cfg" <<EOF
backend bench-agents
    mode tcp
    timeout connect 5s
    timeout server 30s
    server agent ${AGENT_ADDR}
EOF
start_haproxy() { # start_haproxy NAME CFG PORT...
  local name="$1" cfg="$2" port pid; shift 2
  "$HAPROXY" -c -q -f "$cfg" >&2 || die "haproxy rejected $cfg"
  pin "$PROXY_CPUS" "$HAPROXY" -db -f "$cfg" >"$WORK/$name.log" 2>&1 &
  pid=$!
  PIDS+=("$pid") PID_OF[$name]=$pid
  for port in "$@"; do wait_port "$port" "$name" "$pid"; done
}
start_gateway() { # start_gateway NAME PORT ARGS... (GW_JAR, GW_JAVA_OPTS: another build or JVM settings)
  local name="$1" port="$2"; shift 2
  pin "$PROXY_CPUS" "$JAVA" ${GW_JAVA_OPTS:-$JAVA_OPTS} -Xlog:gc:file="$WORK/$name-gc.log" -jar "${GW_JAR:-$JAR}" "$@" \
    >"$WORK/$name.log" 2>&1 &
  PIDS+=($!) PID_OF[$name]=$!
  wait_port "$port" "$name" "$!"
}
if [[ "$WORKLOAD" == coraza ]]; then
  PROOF_HEADER=x-spoe-var-txn-coraza-process_time
  cat "$WORK/global.cfg" - "$WORK/agents.cfg" >"$WORK/haproxy.cfg" <<EOF
frontend with-spoe
    bind 127.0.0.1:$HAP_SPOE_PORT
    option http-buffer-request
    filter spoe engine bench config $CONF
    http-request return status 200 content-type text/plain string "ok\n" hdr $PROOF_HEADER "%[var(txn.coraza.process_time)]"
frontend plain
    bind 127.0.0.1:$HAP_PLAIN_PORT
    option http-buffer-request
    http-request return status 200 content-type text/plain string "ok\n"
EOF
  start_haproxy haproxy "$WORK/haproxy.cfg" "$HAP_SPOE_PORT" "$HAP_PLAIN_PORT"
  start_gateway gateway-spoe "$GW_SPOE_PORT" bench gateway --listen "127.0.0.1:$GW_SPOE_PORT" \
    --config "$CONF" --engine bench --agent "$AGENT_ADDR" --threads "$PROXY_THREADS" --expose txn.coraza.process_time
  start_gateway gateway-plain "$GW_PLAIN_PORT" bench gateway --listen "127.0.0.1:$GW_PLAIN_PORT" \
    --threads "$PROXY_THREADS"
  if [[ -n "${B_JAR:-}" ]]; then
    GW_JAR="$B_JAR" GW_JAVA_OPTS="${B_JAVA_OPTS:-$JAVA_OPTS}" start_gateway gateway-b "$GW_B_PORT" bench gateway \
      --listen "127.0.0.1:$GW_B_PORT" --config "$CONF" --engine bench --agent "$AGENT_ADDR" --threads "$PROXY_THREADS" \
      --expose txn.coraza.process_time
  fi
else
  PROOF_HEADER=x-ip-score
  cat "$WORK/global.cfg" - "$WORK/agents.cfg" >"$WORK/haproxy.cfg" <<EOF
frontend with-spoe
    bind 127.0.0.1:$HAP_SPOE_PORT
    filter spoe engine iprep config $CONF
    http-response set-header $PROOF_HEADER %[var(sess.iprep.ip_score)]
    default_backend upstream
frontend plain
    bind 127.0.0.1:$HAP_PLAIN_PORT
    filter spoe engine iprep-off config $CONF
    default_backend upstream
backend upstream
    server up 127.0.0.1:$UPSTREAM_PORT
EOF
  cat >"$WORK/upstream.cfg" <<EOF
global
    nbthread 1
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend upstream
    bind 127.0.0.1:$UPSTREAM_PORT
    http-request return status 200 content-type text/plain string "ok\n"
EOF
  start_haproxy upstream "$WORK/upstream.cfg" "$UPSTREAM_PORT"
  start_haproxy haproxy "$WORK/haproxy.cfg" "$HAP_SPOE_PORT" "$HAP_PLAIN_PORT"
  GATEWAY_OPTS="${GATEWAY_OPTS---threads $PROXY_THREADS --no-access-log --no-variable-headers}"
  start_gateway gateway-spoe "$GW_SPOE_PORT" gateway --haproxy-cfg "$WORK/haproxy.cfg" --engine iprep \
    --listen "127.0.0.1:$GW_SPOE_PORT" $GATEWAY_OPTS
  start_gateway gateway-plain "$GW_PLAIN_PORT" gateway --haproxy-cfg "$WORK/haproxy.cfg" --engine iprep-off \
    --listen "127.0.0.1:$GW_PLAIN_PORT" $GATEWAY_OPTS
  if [[ -n "${B_JAR:-}" ]]; then
    GW_JAR="$B_JAR" GW_JAVA_OPTS="${B_JAVA_OPTS:-$JAVA_OPTS}" start_gateway gateway-b "$GW_B_PORT" gateway \
      --haproxy-cfg "$WORK/haproxy.cfg" --engine iprep --listen "127.0.0.1:$GW_B_PORT" ${B_GATEWAY_OPTS:-$GATEWAY_OPTS}
  fi
fi

# --- sanity: each answers 200 "ok", and the SPOE setups really asked the agent -----------------------
check() { # check NAME PORT SPOE(yes|no)
  local resp
  resp="$(curl -s -i --max-time 5 "http://127.0.0.1:$2/check?x=1")" || die "$1: no answer"
  grep -q '^HTTP/1.1 200' <<<"$resp" || die "$1: not a 200: $resp"
  if [[ "$3" == yes ]] && ! grep -Eiq "^$PROOF_HEADER: [0-9]+" <<<"$resp"; then
    die "$1: the SPOE processing did not run (no $PROOF_HEADER): $resp"
  fi
}
check haproxy+spoe "$HAP_SPOE_PORT" yes
check spoe4j+spoe "$GW_SPOE_PORT" yes
check haproxy "$HAP_PLAIN_PORT" no
check spoe4j "$GW_PLAIN_PORT" no
[[ -n "${B_JAR:-}" ]] && check spoe4j-b+spoe "$GW_B_PORT" yes
log "all four setups answer; SPOE ran in both SPOE setups"

# --- measurements --------------------------------------------------------------------------------
declare -A RPS P50 P99 LOW50 LOW99 ERRS CPU_PROXY CPU_AGENT CPU_UP CPU_ALL RES50 RES99 RES999
ROUND=1
ticks() { # ticks PID -> user+system CPU ticks of the process (all its threads) so far
  awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; } # the whole machine, non-idle
CLK_TCK="$(getconf CLK_TCK)"
per_request() { # per_request TICKS REQUESTS -> CPU microseconds per request
  awk -v t="$1" -v n="$2" -v hz="$CLK_TCK" 'BEGIN { if (n > 0) printf "%.1f", t * 1e6 / hz / n; else print 0 }'
}
run_wrk() { # run_wrk CONNECTIONS DURATION PORT -> WRK_RESULT line
  pin "$LOAD_CPUS" timeout 300 wrk -t"$WRK_THREADS" -c"$1" -d"$2" --latency -s "$LUA" "http://127.0.0.1:$3/" \
    | grep '^WRK_RESULT'
}
field() { sed -n "s/.* $1=\\([0-9.]*\\).*/\\1/p" <<<" $2"; }
measure() { # measure NAME PORT PROXY_PROCESS
  local line proxy="${PID_OF[$3]}" agent="${PID_OF[agent]:-}" up="${PID_OF[upstream]:-}" p0 a0 u0 m0 n
  if (( ROUND == 1 )); then
    log "$1: warm-up $WARMUP"
    run_wrk "$WRK_CONNECTIONS" "$WARMUP" "$2" >/dev/null
    if [[ "$REWARM" != 0 && "$REWARM" != 0s ]]; then
      # wrk's exit closes its connections with requests in flight; in a JVM that takes branches the
      # compiled code never saw and deoptimizes hot methods, which C2 recompiles under this load
      log "$1: second warm-up $REWARM (after the first one's connections closed)"
      run_wrk "$WRK_CONNECTIONS" "$REWARM" "$2" >/dev/null
    fi
  fi
  log "$1 (round $ROUND/$ROUNDS): $WRK_CONNECTIONS connections for $DURATION, then $LOW_CONNECTIONS for $LOW_DURATION"
  local pcap="$WORK/$1-round$ROUND.pcap" dump=""
  if [[ -n "${RESIDENCE:-}" ]]; then
    tcpdump -i lo -B 262144 -n -s 80 -w "$pcap" "tcp port $2 and tcp[tcpflags] & tcp-push != 0" 2>"$pcap.log" &
    dump=$! PIDS+=($!)
    until grep -q listening "$pcap.log" 2>/dev/null; do kill -0 "$dump" 2>/dev/null || die "tcpdump: $(cat "$pcap.log")"; sleep 0.1; done
  fi
  p0="$(ticks "$proxy")" a0="$(ticks "${agent:-0}")" u0="$(ticks "${up:-0}")" m0="$(busy_ticks)"
  line="$(run_wrk "$WRK_CONNECTIONS" "$DURATION" "$2")"
  n="$(field requests "$line")"
  CPU_PROXY[$1]+=" $(per_request $(( $(ticks "$proxy") - p0 )) "$n")"
  CPU_AGENT[$1]+=" $(per_request $(( $(ticks "${agent:-0}") - a0 )) "$n")"
  CPU_UP[$1]+=" $(per_request $(( $(ticks "${up:-0}") - u0 )) "$n")"
  CPU_ALL[$1]+=" $(per_request $(( $(busy_ticks) - m0 )) "$n")"
  log "$1: $line"
  if [[ -n "$dump" ]]; then
    kill -INT "$dump"; wait "$dump" || true
    local res; res="$(python3 "$HERE/residence.py" "$2" "$pcap")" || die "residence.py failed on $pcap"
    rm -f "$pcap"
    log "$1: $res"
    RES50[$1]+=" $(field p50_us "$res")" RES99[$1]+=" $(field p99_us "$res")" RES999[$1]+=" $(field p999_us "$res")"
  fi
  RPS[$1]+=" $(field rps "$line")" P50[$1]+=" $(field p50_us "$line")" P99[$1]+=" $(field p99_us "$line")"
  ERRS[$1]="$(( ${ERRS[$1]:-0} + $(field socket_errors "$line") + $(field non2xx "$line") ))"
  line="$(run_wrk "$LOW_CONNECTIONS" "$LOW_DURATION" "$2")"
  log "$1 (moderate load): $line"
  LOW50[$1]+=" $(field p50_us "$line")" LOW99[$1]+=" $(field p99_us "$line")"
}
mean() { awk '{ s = 0; for (i = 1; i <= NF; i++) s += $i; if (NF) printf "%.0f", s / NF }' <<<"$1"; }
mean1() { awk '{ s = 0; for (i = 1; i <= NF; i++) s += $i; if (NF) printf "%.1f", s / NF }' <<<"$1"; }
for ((ROUND = 1; ROUND <= ROUNDS; ROUND++)); do
  for s in $SETUPS; do
    case "$s" in
      haproxy+spoe) measure "$s" "$HAP_SPOE_PORT" haproxy ;; spoe4j+spoe) measure "$s" "$GW_SPOE_PORT" gateway-spoe ;;
      haproxy) measure "$s" "$HAP_PLAIN_PORT" haproxy ;; spoe4j) measure "$s" "$GW_PLAIN_PORT" gateway-plain ;;
      spoe4j-b+spoe) [[ -n "${B_JAR:-}" ]] || die "SETUPS: spoe4j-b+spoe needs B_JAR"
        measure "$s" "$GW_B_PORT" gateway-b ;;
      *) die "SETUPS: unknown setup '$s'" ;;
    esac
  done
done
for s in $SETUPS; do
  log "$s per round: requests/s${RPS[$s]}; p99 us${P99[$s]}"
  RPS[$s]="$(mean "${RPS[$s]}")" P50[$s]="$(mean "${P50[$s]}")" P99[$s]="$(mean "${P99[$s]}")"
  LOW50[$s]="$(mean "${LOW50[$s]}")" LOW99[$s]="$(mean "${LOW99[$s]}")"
  CPU_PROXY[$s]="$(mean1 "${CPU_PROXY[$s]}")" CPU_AGENT[$s]="$(mean1 "${CPU_AGENT[$s]}")"
  CPU_UP[$s]="$(mean1 "${CPU_UP[$s]}")" CPU_ALL[$s]="$(mean1 "${CPU_ALL[$s]}")"
  RES50[$s]="$(mean "${RES50[$s]:-}")" RES99[$s]="$(mean "${RES99[$s]:-}")" RES999[$s]="$(mean "${RES999[$s]:-}")"
done

if [[ "$WORKLOAD" == coraza ]]; then
  MESSAGE_ARGS=(--message coraza-req app=str:sample_app src-ip=ipv4:127.0.0.1 src-port=int64:40000
    dst-ip=ipv4:127.0.0.1 dst-port=int64:"$GW_SPOE_PORT" method=str:GET path=str:/ query=null version=str:1.1
    "headers=str:host: 127.0.0.1:$GW_SPOE_PORT"$'\r\n' body=bin: exportRuleIDs=bool:false)
else
  MESSAGE_ARGS=(--message check-client-ip ip=ipv4:127.0.0.1)
fi
bench() { # bench NAME ARGS...
  local name="$1" json; shift
  log "spoe4j bench ($name): ${BENCH_DURATION} after a 3s warm-up"
  json="$(pin "$LOAD_CPUS" timeout 300 "$JAVA" $JAVA_OPTS -jar "$JAR" bench "$AGENT_ADDR" "${MESSAGE_ARGS[@]}" \
    --duration "$BENCH_DURATION" --warmup 3s --json "$@")"
  log "$name: $json"
  RPS[$name]="$(jq -r .throughput_rps <<<"$json")"
  P50[$name]="$(jq -r '.latency_us.p50' <<<"$json")" P99[$name]="$(jq -r '.latency_us.p99' <<<"$json")"
  ERRS[$name]="$(jq -r .errors <<<"$json")"
}
if [[ -z "${SKIP_BENCH:-}" ]]; then
  bench "bench pipelined" --connections 1 --concurrency "$BENCH_CONCURRENCY" --pipelining on
  bench "bench 1-by-1" --connections 1 --concurrency 1 --pipelining off
fi

# --- report --------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "n/a" }'; }
diffus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%d", a - b }'; }
{
  echo "# spoe4j vs HAProxy $("$HAPROXY" -v | head -1 | awk '{print $3}'), $(date -u +%FT%TZ), $NCPU CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# workload $WORKLOAD ($(basename "$CONF")); wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$DURATION x $ROUNDS round(s), alternated (after -d$WARMUP and -d$REWARM warm-ups); moderate load: -c$LOW_CONNECTIONS -d$LOW_DURATION"
  echo "# proxy threads $PROXY_THREADS; CPUs: proxy '${PROXY_CPUS:-any}', agent '${AGENT_CPUS:-any}', load generator '${LOAD_CPUS:-any}'; agent $AGENT_ADDR"
  echo "# JVM: $JAVA_OPTS; jar $JAR${GATEWAY_OPTS+; gateway options: $GATEWAY_OPTS}"
  echo "# gateway event loops: $(for f in "$WORK"/gateway-*.log; do [[ -f "$f" && "$f" != *-gc.log ]] && echo "$(basename "$f" .log) $(grep -m1 -o '[0-9]* [a-z_]* event loop' "$f" | sed 's/ event loop//')"; done | paste -sd, - | sed 's/,/, /g')"
  printf '%-16s %12s %10s %10s %8s %14s %14s\n' setup "requests/s" "p50 us" "p99 us" errors "p50 us (mod)" "p99 us (mod)"
  for s in $SETUPS; do
    printf '%-16s %12s %10s %10s %8s %14s %14s\n' "$s" "${RPS[$s]:-}" "${P50[$s]:-}" "${P99[$s]:-}" "${ERRS[$s]:-}" "${LOW50[$s]:-}" "${LOW99[$s]:-}"
  done
  for s in "bench pipelined" "bench 1-by-1"; do
    [[ -n "${SKIP_BENCH:-}" ]] && continue
    printf '%-16s %12s %10s %10s %8s\n' "$s" "${RPS[$s]:-}" "${P50[$s]:-}" "${P99[$s]:-}" "${ERRS[$s]:-}"
  done
  echo
  echo "CPU per request under the saturating load, microseconds (user + system; 'machine' is every CPU's busy time, wrk included):"
  printf '%-16s %8s %8s %9s %8s\n' setup proxy agent upstream machine
  for s in $SETUPS; do
    printf '%-16s %8s %8s %9s %8s\n' "$s" "${CPU_PROXY[$s]:-}" "${CPU_AGENT[$s]:-}" "${CPU_UP[$s]:-}" "${CPU_ALL[$s]:-}"
  done
  echo
  if [[ -n "${RESIDENCE:-}" ]]; then
    echo "Saturating load, on the wire (request's first packet in to the proxy's first response packet out) and as wrk saw it, microseconds:"
    printf '%-16s %10s %10s %12s %10s %10s\n' setup "wire p50" "wire p99" "wire p99.9" "wrk p50" "wrk p99"
    for s in $SETUPS; do
      printf '%-16s %10s %10s %12s %10s %10s\n' "$s" "${RES50[$s]:-}" "${RES99[$s]:-}" "${RES999[$s]:-}" "${P50[$s]:-}" "${P99[$s]:-}"
    done
    echo
  fi
  for g in gateway-spoe gateway-plain gateway-b; do
    [[ -f "$WORK/$g-gc.log" ]] && awk -v g="$g" '/Pause/ { n++; ms = $NF; sub(/ms/, "", ms); t += ms; if (ms + 0 > m) m = ms + 0 }
      END { printf "%s GC pauses (whole run, warm-up included): %d, %.1f ms in all, longest %.1f ms\n", g, n, t, m }' "$WORK/$g-gc.log"
  done
  echo "ratio spoe4j/HAProxy requests/s, with SPOE:    $(ratio "${RPS[spoe4j+spoe]:-}" "${RPS[haproxy+spoe]:-}")"
  [[ -n "${RPS[spoe4j-b+spoe]:-}" ]] && echo "ratio spoe4j-b/HAProxy requests/s, with SPOE:  $(ratio "${RPS[spoe4j-b+spoe]:-}" "${RPS[haproxy+spoe]:-}"); p99 $(ratio "${P99[spoe4j-b+spoe]:-}" "${P99[haproxy+spoe]:-}")"
  echo "ratio spoe4j/HAProxy requests/s, without SPOE: $(ratio "${RPS[spoe4j]:-}" "${RPS[haproxy]:-}")"
  echo "ratio spoe4j/HAProxy p99, with SPOE:           $(ratio "${P99[spoe4j+spoe]:-}" "${P99[haproxy+spoe]:-}")"
  echo "SPOE overhead at p50, moderate load (with - without): spoe4j $(diffus "${LOW50[spoe4j+spoe]:-}" "${LOW50[spoe4j]:-}") us, HAProxy $(diffus "${LOW50[haproxy+spoe]:-}" "${LOW50[haproxy]:-}") us"
} | tee ${RESULTS:+"$RESULTS"}
