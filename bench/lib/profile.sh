# shellcheck shell=bash
# bench/run.sh --profile: while the driver runs, dotnet-trace samples the API's threads and dotnet-counters records
# both sides' allocations and requests (both are local tools of the repository: dotnet-tools.json). Source this file
# after api.sh; it needs $bench_root, $bench_work, $out, $api_pid, $baseline_pid and the array profiler_pids.
# Sampling slows the API: read a profiled run's req/s for nothing, only the profile and the bytes per request.

profile_tool() { # tool args...: a local tool with SIGINT (its "stop and write the file") at its default, whatever the
  # script inherited: background jobs of a script, and everything started from one, ignore SIGINT otherwise
  (cd "$bench_root" && exec python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])' \
    dotnet tool run "$@")
}

profile_start() {
  (cd "$bench_root" && dotnet tool restore >/dev/null)
  set -m # each tool in a process group of its own, which profile_stop signals whole (dotnet tool run and the tool)
  profile_tool dotnet-trace collect -p "$api_pid" --profile dotnet-sampled-thread-time,gc-verbose \
    -o "$out/api.nettrace" >"$bench_work/trace.log" 2>&1 </dev/null &
  profiler_pids+=("$!")
  local side pid
  for side in api baseline; do
    pid="$api_pid"
    [[ "$side" == baseline ]] && pid="$baseline_pid"
    profile_tool dotnet-counters collect -p "$pid" --format csv -o "$out/counters.$side.csv" \
      --counters 'System.Runtime[dotnet.gc.heap.total_allocated,dotnet.process.cpu.time],EventCounters\Microsoft.AspNetCore.Hosting[total-requests]' \
      >"$bench_work/counters.$side.log" 2>&1 </dev/null &
    profiler_pids+=("$!")
  done
  set +m
  sleep 3 # the sessions are open before the first request
}

profile_stop() {
  local pid
  for pid in "${profiler_pids[@]}"; do kill -INT -- "-$pid" 2>/dev/null || true; done
  for pid in "${profiler_pids[@]}"; do
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -TERM -- "-$pid" 2>/dev/null || true # still writing after 30 s: SIGTERM also ends a session with its file whole
    wait "$pid" 2>/dev/null || true
  done
  profiler_pids=()
  {
    echo "# Profile of the API during the driver's run"
    echo
    python3 "$bench_root/bench/lib/counters.py" "$out/counters.api.csv" "$out/counters.baseline.csv"
    echo
    echo "## Where the API's CPU went: samples of threads running managed code (bench/TraceSummary)"
    echo
    echo '```'
    dotnet run -c Release --project "$bench_root/bench/TraceSummary" -- "$out/api.nettrace" 60 2>&1 || true
    echo '```'
  } >"$out/profile.md"
  echo "profile: $out/profile.md, trace: $out/api.nettrace"
}
