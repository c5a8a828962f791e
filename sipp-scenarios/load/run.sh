#!/usr/bin/env bash
# Load test: N concurrent calls of T seconds through Sotto, both parties streaming G.711;
# or R call setups per second for T seconds, each call 2 s long, signalling only.
#
#   sipp-scenarios/load/run.sh [--start-sotto | --direct] [--transport u1|t1] [--ramp S] N T
#   sipp-scenarios/load/run.sh [--start-sotto | --direct] [--transport u1|t1] [--warm-up S] --setup-rate R T
#
# Default: Sotto already runs on its default config (SIP 127.0.0.1:5060, REST/metrics
# 127.0.0.1:8080, peers carrier 127.0.0.1:5070 and pbx 127.0.0.1:5080); its PID is found
# from the SIP port (or give SOTTO_PID). --start-sotto starts target/sotto.jar with a
# temporary recordings dir and stops it by PID at the end. --direct leaves Sotto out: the
# UAC calls the UAS itself (checks the SIPp side and this script).
#
# The UAC (trunk, 127.0.0.1:5070, RTP from 127.0.0.1:6000) places N calls in total, spread
# evenly over RAMP_S seconds (--ramp, default T/2, at least 1), at most N at once (-l N);
# each streams for T s, so all N are up together from RAMP_S to T, and they hang up as
# they came, N / RAMP_S per second (the hang-up storm: --ramp 15 1000 30 ends 67 calls a
# second). --setup-rate R places R calls a second for T s (N = R * T), each CALL_S s long
# (default 2), with no RTP (-set rtp off on both sides). --warm-up S first places WARM_RATE
# (default 200) setups a second for S s the same way and waits for them to end, so that the
# measured run meets compiled code as a server that has been up a while does (a fresh JVM
# spends a third of its CPU compiling); Sotto's counters then include those calls. The UAS (PBX,
# 127.0.0.1:5080, RTP from 127.0.0.1:7000) answers and streams back until BYE.
# Everything runs under one deadline (RAMP_S + T + 30 s); every process this script
# starts is stopped by its PID (TERM, then KILL). Exit 0 when every call succeeded.
set -euo pipefail

usage() {
  sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

mode=sotto
transport=u1
rate=
warm=
ramp=${RAMP_S:-}
while [[ $# -gt 0 && $1 == --* ]]; do
  case $1 in
    --start-sotto) mode=start ;;
    --direct) mode=direct ;;
    --transport) transport=${2:-}; shift ;;
    --ramp) ramp=${2:-}; shift ;;
    --setup-rate) rate=${2:-}; shift ;;
    --warm-up) warm=${2:-}; shift ;;
    *) usage ;;
  esac
  shift
done
[[ $transport == u1 || $transport == t1 ]] || usage
[[ -z $ramp || $ramp =~ ^[1-9][0-9]*$ ]] || usage
[[ -z $warm || $warm =~ ^[1-9][0-9]*$ ]] || usage
warm_rate=${WARM_RATE:-200}
[[ $warm_rate =~ ^[1-9][0-9]*$ ]] || usage
if [[ -n $rate ]]; then
  [[ $# -eq 1 && $rate =~ ^[1-9][0-9]*$ && $1 =~ ^[1-9][0-9]*$ ]] || usage
  call_s=${CALL_S:-2}
  calls=$(( rate * $1 ))
  ramp=$1
  seconds=$call_s
  rtp=off
else
  [[ $# -eq 2 && $1 =~ ^[1-9][0-9]*$ && $2 =~ ^[1-9][0-9]*$ ]] || usage
  calls=$1
  seconds=$2
  rtp=on
fi

# PORT_OFFSET moves every port below (with --start-sotto), so that a second run can share the host
offset=${PORT_OFFSET:-0}
[[ $offset =~ ^[0-9]+$ ]] || usage
sip_host=127.0.0.1
sip_port=$(( 5060 + offset ))
http=${SOTTO_HTTP:-127.0.0.1:$(( 8080 + offset ))}
uac_port=$(( 5070 + offset ))
uas_port=$(( 5080 + offset ))
uac_media=$(( 6000 + offset ))
uas_media=$(( 7000 + offset ))
ramp=${ramp:-$(( seconds / 2 > 0 ? seconds / 2 : 1 ))}
deadline_s=$(( ramp + seconds + 30 ))
packets_per_second=50   # 20 ms ptime

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
command -v sipp >/dev/null || { echo "sipp not found: apt-get install sip-tester" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/sotto-load.XXXXXX")

# started, stop_pid, cleanup (on EXIT), now, before, await_port, cpu_ticks, stat_last, stat_max,
# scrape, metric, print_sotto_metrics
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
      --set "sip.listen=$sip_host:$sip_port" --set "http.listen=$http" \
      --set "peers[0].address=$sip_host:$uac_port" --set "peers[1].address=$sip_host:$uas_port" \
      ${SOTTO_ARGS:-} >"$work/sotto.log" 2>&1 &
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
[[ $mode == direct ]] && target=$sip_host:$uas_port

# SIPp's own default (64 KiB) overflows in a burst: at 600 setups/s its sockets dropped hundreds
# of Sotto's messages, which then looked like Sotto's failures.
sipp_buffers="-buff_size 4194304"

# Which sipp output each side leaves in $work.
sipp_logs() {
  echo -trace_err -error_file "$work/$1-errors.log" \
       -trace_screen -screen_file "$work/$1-screen.log" \
       -trace_stat -stf "$work/$1-stat.csv" -fd 1
}

if [[ -n $warm && $mode != direct ]]; then
  warm_calls=$(( warm_rate * warm ))
  sipp -sf sipp-scenarios/load/uas.xml -t "$transport" -i "$sip_host" -p "$uas_port" $sipp_buffers \
    -mi "$sip_host" -mp "$uas_media" -m "$warm_calls" -set rtp off -nostdin >"$work/warm-uas.out" 2>&1 &
  warm_uas_pid=$!
  started+=("$warm_uas_pid")
  await_port "$uas_port" "$proto" 10 || { echo "warm-up UAS did not bind $sip_host:$uas_port" >&2; exit 1; }
  sipp "$target" -sf sipp-scenarios/load/uac.xml -t "$transport" -i "$sip_host" -p "$uac_port" $sipp_buffers \
    -mi "$sip_host" -mp "$uac_media" -m "$warm_calls" -r "$warm_rate" -set duration 2000 -set rtp off \
    -timeout "$(( warm + 30 ))s" -nostdin >"$work/warm-uac.out" 2>&1 || true
  warm_deadline=$(awk -v n="$(now)" 'BEGIN { printf "%.3f", n + 35 }')
  while kill -0 "$warm_uas_pid" 2>/dev/null && before "$warm_deadline"; do sleep 0.2; done
  stop_pid "$warm_uas_pid"
  wait "$warm_uas_pid" 2>/dev/null || true
  while before "$warm_deadline"; do
    metrics=$(scrape)
    [[ -n $metrics && $(metric sotto_calls_active) == 0 ]] && break
    sleep 0.2
  done
  echo "warm-up: $warm_calls calls at $warm_rate/s done; the counters below include them" >&2
fi

# shellcheck disable=SC2046  # sipp_logs prints separate words on purpose
sipp -sf sipp-scenarios/load/uas.xml -t "$transport" -i "$sip_host" -p "$uas_port" $sipp_buffers \
  -mi "$sip_host" -mp "$uas_media" -m "$calls" -set rtp "$rtp" -nostdin $(sipp_logs uas) \
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
sipp "$target" -sf sipp-scenarios/load/uac.xml -t "$transport" -i "$sip_host" -p "$uac_port" $sipp_buffers \
  -mi "$sip_host" -mp "$uac_media" -m "$calls" -l "$calls" -r "$calls" -rp "${ramp}s" \
  -set duration "$(( seconds * 1000 ))" -set rtp "$rtp" -timeout "${deadline_s}s" -timeout_error \
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

# The last call was planned to hang up at start + ramp + T. Wait (at most 60 s more) until
# Sotto holds no call, then no recording open, and say how long after that plan each was.
calls_ended=
recordings_ended=
if [[ $mode != direct ]]; then
  planned_end=$(awk -v a="$start_time" -v r="$ramp" -v t="$seconds" 'BEGIN { printf "%.3f", a + r + t }')
  settle_deadline=$(awk -v n="$(now)" 'BEGIN { printf "%.3f", n + 60 }')
  while before "$settle_deadline"; do
    metrics=$(scrape)
    if [[ -n $metrics && -z $calls_ended && $(metric sotto_calls_active) == 0 ]]; then
      calls_ended=$(awk -v p="$planned_end" -v n="$(now)" 'BEGIN { printf "%.1f", n - p }')
    fi
    if [[ -n $calls_ended && $(metric sotto_recordings_active) == 0 ]]; then
      recordings_ended=$(awk -v p="$planned_end" -v n="$(now)" 'BEGIN { printf "%.1f", n - p }')
      break
    fi
    sleep 0.2
  done
fi

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

if [[ -n $rate ]]; then
  echo "== setup rate: $rate calls/s for ${ramp} s ($calls calls x ${seconds} s, no RTP), transport $transport, mode $mode =="
else
  echo "== load: $calls calls x ${seconds} s, ramp ${ramp} s ($(awk -v n="$calls" -v r="$ramp" 'BEGIN { printf "%.0f", n / r }') hang-ups/s at the end), transport $transport, mode $mode =="
fi
echo "elapsed                         ${elapsed} s (deadline ${deadline_s} s)"
echo "calls attempted (UAC)           $attempted"
echo "calls succeeded (UAC / UAS)     $succeeded / $uas_succeeded"
echo "calls failed (UAC)              $failed"
echo "peak concurrent calls (UAC)     $peak_calls"
echo "sipp exit codes (UAC / UAS)     $uac_exit / $uas_exit"
# SIPp 3.6 keeps no RTP counters for rtp_stream: this is computed, per direction, from the
# calls that succeeded, their length and 50 packets/s; the UAS streams from ACK to BYE.
if [[ $succeeded =~ ^[0-9]+$ && $rtp == on ]]; then
  per_direction=$(( succeeded * seconds * packets_per_second ))
  echo "RTP packets sent by SIPp        ~$(( 2 * per_direction )) (${per_direction} each way; computed, not counted)"
fi
if [[ $mode == direct ]]; then
  echo "Sotto CPU / RSS                 n/a (--direct: no Sotto in the path)"
elif [[ -n $cpu_after ]]; then
  awk -v b="$cpu_before" -v a="$cpu_after" -v hz="$(getconf CLK_TCK)" -v n="$calls" -v t="$seconds" 'BEGIN {
    cpu = (a - b) / hz; minutes = n * t / 60
    printf "Sotto CPU (utime+stime)         %.2f s, %.3f s per recorded call-minute (%.2f call-minutes)\n", cpu, cpu / minutes, minutes }'
  echo "Sotto peak RSS (VmHWM)          ${peak_rss_kb} kB (peak since the process started)"
else
  echo "Sotto CPU / RSS                 n/a: Sotto (pid $sotto_pid) exited during the run"
fi

if [[ $mode != direct ]]; then
  echo "last call ended                 ${calls_ended:-not within 60 s} ${calls_ended:+s after the last planned hang-up}"
  echo "last recording finished         ${recordings_ended:-not within 60 s} ${recordings_ended:+s after the last planned hang-up}"
  print_sotto_metrics
fi

if [[ -n $recordings && -d $recordings ]]; then
  wavs=$(find "$recordings" -name '*.wav' | wc -l)
  echo "recordings written              $wavs WAV files in $recordings${KEEP:+ (kept)}"
  # each recording's audio against its call: more than 1 s apart is a recording that lagged or lost time
  find "$recordings" -name '*.json' -print0 | xargs -0 -r cat | awk -v t="$seconds" '
    /"durationMs"/ { gsub(/[^0-9]/, "", $3); audio = $3 }
    /"callDurationMs"/ { gsub(/[^0-9]/, "", $3); call = $3; n++
      d = audio - call; if (d < 0) d = -d; if (d > 1000) off++
      e = audio - t * 1000; if (e < 0) e = -e; if (e > 1000) far++ }
    END { printf "recordings vs their calls        %d of %d more than 1 s off the call, %d more than 1 s off %d s\n", off, n, far, t }'
fi
echo "logs                            $work"

# Every call placed, answered on the far side and ended cleanly.
[[ $uac_exit -eq 0 && $failed == 0 && $succeeded == "$calls" && $uas_succeeded == "$calls" ]]
