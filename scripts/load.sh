#!/usr/bin/env bash
# Load test (separate from the tests, never run by scripts/test.sh): the benchmark's
# database in a PostgreSQL cluster of its own, Odoo in multi-process mode with 1, 2 and 4
# HTTP workers in turn (one cron worker, the addon's jobs due), and locust users —
# visitors applying online, beneficiaries on the portal, officers over JSON-RPC — against
# 127.0.0.1 for a bounded time. After each run: SQL checks on the requests made (numbers
# unique, none missing, gaps counted; no document without its file; no new file without
# its declaration). Prints one table; the CSVs and the table stay in BR_CACHE/load/results.
# See README "Load test".
#
#   scripts/load.sh                      default scale (100,000 files, 300,000 requests)
#   scripts/load.sh --scale small        20,000 files, 60,000 requests (quick run)
#   scripts/load.sh --workers "1 2 4"    the worker counts to run (default 1 2 4)
#   scripts/load.sh --users 12           locust users (visitors 3 : beneficiaries 2 :
#                                        officers 1; default 12)
#   scripts/load.sh --run-time 60s       per worker count (default 60s)
#   scripts/load.sh --prepare-only       build or update the database and stop
source "$(dirname "$0")/load/lib.sh"

scale=default workers="1 2 4" users=12 run_time=60s prepare_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift ;;
    --workers) workers=$2; shift ;;
    --users) users=$2; shift ;;
    --run-time) run_time=$2; shift ;;
    --prepare-only) prepare_only=1 ;;
    *) die "unknown option $1" ;;
  esac
  shift
done
case $scale in
  default) files=100000 requests=300000 ;;
  small) files=20000 requests=60000 ;;
  *) die "--scale default or small" ;;
esac

br_system_packages
br_odoo_src
br_npm_tools
br_venv
br_links
load_venv
load_pg_start
trap 'load_odoo_stop; load_pg_stop' EXIT
load_database "$files" "$requests"
[ $prepare_only = 1 ] && exit 0

RESULTS="$LOAD_DIR/results"
stamp=$(date -u +%Y%m%d-%H%M%S)
for w in $workers; do
  log "run: $w HTTP worker(s), $users users, $run_time"
  "$BR_VENV/bin/python" "$BR_ROOT/scripts/load/checks.py" snapshot --db "$LOAD_DB" > "$RESULTS/$stamp-w$w.before"
  load_crons_due
  load_odoo_start "$w"
  # Each worker compiles the pages' templates at their first use: not measured.
  (load_locust 6 30s "$RESULTS/warmup") > /dev/null 2>&1 || true
  (load_locust "$users" "$run_time" "$RESULTS/$stamp-w$w") > "$RESULTS/$stamp-w$w.locust.log" 2>&1 || true
  load_odoo_stop
  "$BR_VENV/bin/python" "$BR_ROOT/scripts/load/checks.py" check --db "$LOAD_DB" \
    --before "$RESULTS/$stamp-w$w.before" --filestore "$BR_DATA_DIR/filestore/$LOAD_DB" \
    > "$RESULTS/$stamp-w$w.checks.json"
  grep -c "tries left" "$LOAD_DIR/odoo.log" > "$RESULTS/$stamp-w$w.serialization" || true
  cp "$LOAD_DIR/odoo.log" "$RESULTS/$stamp-w$w.odoo.log"
done
"$BR_VENV/bin/python" "$BR_ROOT/scripts/load/report.py" --results "$RESULTS" --stamp "$stamp" \
  --workers "$workers" --scale "$files/$requests" --users "$users" --run-time "$run_time" \
  | tee "$RESULTS/$stamp-table.md"
