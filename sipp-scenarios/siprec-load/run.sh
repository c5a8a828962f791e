#!/usr/bin/env bash
# SIPREC load test: N concurrent recording sessions of T seconds sent to Sotto as recording
# server, each with two receive-only G.711 streams (the two parties of the recorded call).
#
#   sipp-scenarios/siprec-load/run.sh [--start-sotto] N T
#
# Default: Sotto already runs with a recording client peer {name: sbc, kind: src, address:
# 127.0.0.1:5072} (SIP 127.0.0.1:5060, metrics 127.0.0.1:8080); its PID is found from the SIP
# port (or give SOTTO_PID). --start-sotto starts target/sotto.jar with that peer and a
# temporary recordings dir, and stops it by PID at the end.
#
# The recording client (SIPp, 127.0.0.1:5072, RTP from 127.0.0.1:6000) opens N sessions in
# total, spread evenly over RAMP_S seconds (default T/2, at least 1), at most N at once; it
# streams each session's stream 1 itself, and a helper SIPp (127.0.0.1:5090, RTP from
# 127.0.0.1:7000) streams its stream 2 (see README.md). Everything runs under one deadline
# (RAMP_S + T + 30 s); every process this script starts is stopped by its PID (TERM, then
# KILL). Exit 0 when every session succeeded.
set -euo pipefail

usage() {
  sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

mode=sotto
transport=u1
while [[ $# -gt 0 && $1 == --* ]]; do
  case $1 in
    --start-sotto) mode=start ;;
    *) usage ;;
  esac
  shift
done
[[ $# -eq 2 && $1 =~ ^[1-9][0-9]*$ && $2 =~ ^[1-9][0-9]*$ ]] || usage
[[ $transport == u1 || $transport == t1 ]] || usage
calls=$1
seconds=$2

sip_host=127.0.0.1
sip_port=5060
http=${SOTTO_HTTP:-127.0.0.1:8080}
uac_port=5072
uas_port=5090
uac_media=6000
uas_media=7000
ramp=${RAMP_S:-$(( seconds / 2 > 0 ? seconds / 2 : 1 ))}
deadline_s=$(( ramp + seconds + 30 ))
packets_per_second=50   # 20 ms ptime

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
command -v sipp >/dev/null || { echo "sipp not found: apt-get install sip-tester" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/sotto-load.XXXXXX")

# started, stop_pid, cleanup (on EXIT), now, before, await_port, cpu_ticks, stat_last, stat_max,
# print_sotto_metrics
# shellcheck source=../load/common.sh
source "$root/sipp-scenarios/load/common.sh"

proto=u
[[ $transport == t1 ]] && proto=t

recordings=
sotto_pid=
case $mode in
  start)
    [[ -f ${SOTTO_JAR:-target/sotto.jar} ]] || { echo "no target/sotto.jar: build it first (mvn -B package -DskipTests)" >&2; exit 2; }
    recordings=$work/recordings
    java ${SOTTO_JAVA_OPTS:-} -jar "${SOTTO_JAR:-target/sotto.jar}" --set "recording.dir=$recordings" \
      --set "peers=[{name: sbc, kind: src, address: '$sip_host:$uac_port'}]" >"$work/sotto.log" 2>&1 &
    sotto_pid=$!
    started+=("$sotto_pid")
    if ! await_port "$sip_port" "$proto" 30 || ! kill -0 "$sotto_pid" 2>/dev/null; then
      echo "Sotto did not bind $sip_host:$sip_port within 30 s; its log: $work/sotto.log" >&2
      tail -20 "$work/sotto.log" >&2
      exit 1
    fi
    ;;
  sotto)
    sotto_pid=${SOTTO_PID:-$(ss -Hlunp "sport = :$sip_port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)}
    if [[ -z $sotto_pid ]] || ! kill -0 "$sotto_pid" 2>/dev/null; then
      echo "no Sotto on $sip_host:$sip_port: start it (java -jar target/sotto.jar), pass --start-sotto, or set SOTTO_PID" >&2
      exit 2
    fi
    ;;
esac

target=$sip_host:$sip_port

# Which sipp output each side leaves in $work.
sipp_logs() {
  echo -trace_err -error_file "$work/$1-errors.log" \
       -trace_screen -screen_file "$work/$1-screen.log" \
       -trace_stat -stf "$work/$1-stat.csv" -fd 1
}

# shellcheck disable=SC2046  # sipp_logs prints separate words on purpose
sipp -sf sipp-scenarios/siprec-load/stream2.xml -t "$transport" -i "$sip_host" -p "$uas_port" \
  -mi "$sip_host" -mp "$uas_media" -m "$calls" -nostdin $(sipp_logs uas) \
  >"$work/uas.out" 2>&1 &
uas_pid=$!
started+=("$uas_pid")
if ! await_port "$uas_port" "$proto" 10 || ! kill -0 "$uas_pid" 2>/dev/null; then
  echo "UAS did not bind $sip_host:$uas_port (port in use?); see $work/uas.out" >&2
  exit 1
fi

cpu_before=
[[ -n $sotto_pid ]] && cpu_before=$(cpu_ticks "$sotto_pid")
start_time=$(now)
run_deadline=$(awk -v n="$start_time" -v s="$deadline_s" 'BEGIN { printf "%.3f", n + s }')

# shellcheck disable=SC2046
sipp "$target" -sf sipp-scenarios/siprec-load/uac.xml -t "$transport" -i "$sip_host" -p "$uac_port" \
  -mi "$sip_host" -mp "$uac_media" -m "$calls" -l "$calls" -r "$calls" -rp "${ramp}s" \
  -set duration "$(( seconds * 1000 ))" -set helper_port "$uas_port" -timeout "${deadline_s}s" -timeout_error \
  -nostdin $(sipp_logs uac) >"$work/uac.out" 2>&1 &
uac_pid=$!
started+=("$uac_pid")

while kill -0 "$uac_pid" 2>/dev/null && before "$run_deadline"; do sleep 0.2; done
stop_pid "$uac_pid"
uac_exit=0
wait "$uac_pid" || uac_exit=$?
# The UAS ends once it has seen N calls; give stragglers a few seconds, no more.
uas_deadline=$(awk -v n="$(now)" 'BEGIN { printf "%.3f", n + 5 }')
while kill -0 "$uas_pid" 2>/dev/null && before "$uas_deadline"; do sleep 0.2; done
stop_pid "$uas_pid"
uas_exit=0
wait "$uas_pid" || uas_exit=$?
elapsed=$(awk -v a="$start_time" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')

cpu_after=
peak_rss_kb=
if [[ -n $sotto_pid ]] && kill -0 "$sotto_pid" 2>/dev/null; then
  cpu_after=$(cpu_ticks "$sotto_pid")
  peak_rss_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$sotto_pid/status")
fi

attempted=$(stat_last "$work/uac-stat.csv" 'OutgoingCall(C)')
succeeded=$(stat_last "$work/uac-stat.csv" 'SuccessfulCall(C)')
failed=$(stat_last "$work/uac-stat.csv" 'FailedCall(C)')
uas_succeeded=$(stat_last "$work/uas-stat.csv" 'SuccessfulCall(C)')
peak_calls=$(stat_max "$work/uac-stat.csv" 'CurrentCall')

echo "== siprec-load: $calls sessions x ${seconds} s, 2 streams each, ramp ${ramp} s, mode $mode =="
echo "elapsed                         ${elapsed} s (deadline ${deadline_s} s)"
echo "sessions attempted (client)     $attempted"
echo "sessions succeeded (client / stream 2 helper)  $succeeded / $uas_succeeded"
echo "sessions failed (client)        $failed"
echo "peak concurrent sessions        $peak_calls"
echo "sipp exit codes (client / helper)  $uac_exit / $uas_exit"
# SIPp 3.6 keeps no RTP counters for rtp_stream: computed from the sessions that succeeded,
# their length and 50 packets/s per stream, two streams a session.
if [[ $succeeded =~ ^[0-9]+$ ]]; then
  per_stream=$(( succeeded * seconds * packets_per_second ))
  echo "RTP packets sent by SIPp        ~$(( 2 * per_stream )) (${per_stream} per stream; computed, not counted)"
fi
if [[ -n $cpu_after ]]; then
  awk -v b="$cpu_before" -v a="$cpu_after" -v hz="$(getconf CLK_TCK)" -v n="$calls" -v t="$seconds" 'BEGIN {
    cpu = (a - b) / hz; minutes = n * t / 60
    printf "Sotto CPU (utime+stime)         %.2f s, %.3f s per call-minute (%.2f call-minutes)\n", cpu, cpu / minutes, minutes }'
  echo "Sotto peak RSS (VmHWM)          ${peak_rss_kb} kB (peak since the process started)"
else
  echo "Sotto CPU / RSS                 n/a: Sotto (pid $sotto_pid) exited during the run"
fi

print_sotto_metrics

if [[ -n $recordings && -d $recordings ]]; then
  wavs=$(find "$recordings" -name '*.wav' | wc -l)
  echo "recordings written              $wavs WAV files in $recordings${KEEP:+ (kept)}"
fi
echo "logs                            $work"

# Every session opened, its second stream started by the helper, and ended cleanly.
[[ $uac_exit -eq 0 && $failed == 0 && $succeeded == "$calls" && $uas_succeeded == "$calls" ]]
