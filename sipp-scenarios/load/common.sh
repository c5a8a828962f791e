# Shell functions shared by load/run.sh and siprec-load/run.sh; sourced after $work is made.

started=()   # PIDs this script owns, stopped on exit
stop_pid() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${started[@]}"; do stop_pid "$pid"; done
  if [[ -n ${recordings:-} && -z ${KEEP:-} ]]; then rm -rf "$recordings"; fi
  rmdir "$work" 2>/dev/null || true   # only when nothing was logged
}
trap cleanup EXIT

# Seconds since the epoch, with fractions.
now() { date +%s.%N; }
before() { awk -v d="$1" -v n="$(now)" 'BEGIN { exit !(n < d) }'; }

# Waits until something listens on 127.0.0.1:$1 ($2: u for UDP, t for TCP) or $3 s pass.
await_port() {
  local port=$1 proto=$2 until
  until=$(awk -v n="$(now)" -v s="$3" 'BEGIN { printf "%.3f", n + s }')
  while before "$until"; do
    if [[ -n $(ss -Hln"$proto" "sport = :$port" 2>/dev/null) ]]; then return 0; fi
    sleep 0.1
  done
  return 1
}

# utime + stime of a process, in clock ticks (/proc/<pid>/stat fields 14 and 15; the
# command name in field 2 may hold spaces, so count from its closing parenthesis).
cpu_ticks() {
  local stat
  stat=$(cat "/proc/$1/stat") || return 1
  stat=${stat##*) }
  awk '{ print $12 + $13 }' <<<"$stat"
}

# Last value of a column of a sipp -trace_stat CSV (';'-separated, header first).
stat_last() {
  awk -F';' -v col="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
                         c { v = $c } END { print (v == "" ? "n/a" : v) }' "$1" 2>/dev/null || echo n/a
}
stat_max() {
  awk -F';' -v col="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
                         c && $c + 0 > m { m = $c + 0 } END { print m + 0 }' "$1" 2>/dev/null || echo n/a
}

# Sotto's own counters from /metrics at $http (README, "HTTP"); empty when it does not answer.
scrape() { curl -s --max-time 2 "http://$http/metrics" 2>/dev/null || true; }
# the sum over a metric's label sets, or over the one set given as name{label="value"}, in $metrics
metric() { awk -v n="$1" '$1 == n || index($1, n "{") == 1 { s += $2; f = 1 } END { if (f) printf "%d\n", s }' <<<"$metrics"; }

# Prints Sotto's counters and each thread's longest duty cycle, or that /metrics did not answer.
print_sotto_metrics() {
  local value name dropped reasons reason
  metrics=$(scrape)
  if [[ -z $metrics ]]; then
    echo "Sotto metrics                   http://$http/metrics did not answer"
    return
  fi
  for name in sotto_recordings_started_total sotto_recordings_finished_total \
      sotto_rtp_relayed_total sotto_rtp_forked_total sotto_rtp_fork_dropped_total \
      sotto_recorder_packets_written_total sotto_recorder_late_packets_dropped_total \
      sotto_recorder_late_packets_written_total \
      sotto_sip_events_shed_total sotto_sip_invite_resends_dropped_total sotto_fork_control_lost_total; do
    value=$(metric "$name")
    printf '%-31s %s\n' "$name" "${value:-absent from /metrics}"
  done
  dropped=$(metric sotto_rtp_dropped_total)
  reasons=""
  for reason in no_destination foreign_source malformed congested; do
    reasons+="${reasons:+, }$reason $(metric "sotto_rtp_dropped_total{reason=\"$reason\"}")"
  done
  printf '%-31s %s\n' sotto_rtp_dropped_total "$([[ -n $dropped ]] && echo "$dropped ($reasons)" || echo "absent from /metrics")"
  # each thread's longest duty cycle since Sotto started (warm-up included) and in the last 10-20 s
  awk '$1 ~ /^sotto_duty_cycle_(recent_)?longest_seconds\{/ { match($1, /thread="[^"]*"/);
         t = substr($1, RSTART + 8, RLENGTH - 9); if ($1 ~ /recent/) r[t] = $2; else l[t] = $2 }
       END { for (t in l) printf "longest cycle %-17s %.1f ms (last 10-20 s: %.1f ms)\n", t, l[t] * 1000, r[t] * 1000 }' \
    <<<"$metrics" | sort
}
