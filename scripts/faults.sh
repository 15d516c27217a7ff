#!/usr/bin/env bash
# Faults survived (separate from the tests): while locust loads Odoo (multi-process, on
# the load test's own PostgreSQL cluster and filestore: scripts/load/lib.sh), four faults
# one after the other, then one table:
#
#   worker    SIGKILL of an HTTP worker while it serves a request
#   postgres  PostgreSQL stopped at once (pg_ctl restart -m immediate: a crash, WAL
#             recovery) — the load cluster only, never the tests' cluster
#   cron      SIGKILL of the cron worker in the middle of a batch of a scheduled job
#   disk      the filestore full: it lives on a tmpfs of a few MB (mounted by this
#             script, as root) and a file fills it for BR_FAULT_DISK_SECONDS (20 s)
#
# Four probes (scripts/load/probe.py: an application, a document upload, an officer's
# list over JSON-RPC, a signed-in beneficiary's "my account" page with the same session
# all along) record what a user sees every half second; the table's last column is what
# that signed-in user saw (HTTP status, the clear 503 page or not) and whether they were
# still signed in after the fault (a fault that signs them out fails). After each fault: no
# committed row lost (snapshot of the tables before, count after), nothing half-made
# (request without number or declaration, document without its file: scripts/load/
# checks.py), the error the users saw, and the seconds until every probe succeeds again.
# At the end every application a user was told was received is looked up in the database.
# Exits non-zero when a fault was not survived.
#
#   scripts/faults.sh [--workers 2] [--users 12] [--recover-within 60]
#   scripts/faults.sh --only worker,disk
#   The database: the one scripts/load.sh built (any scale), else the small scale.
source "$(dirname "$0")/load/lib.sh"

workers=2 users=12 recover=60 only=worker,postgres,cron,disk
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers=$2; shift ;;
    --users) users=$2; shift ;;
    --recover-within) recover=$2; shift ;;
    --only) only=$2; shift ;;
    *) die "unknown option $1" ;;
  esac
  shift
done
[ "$(id -u)" = 0 ] || die "the disk-full fault mounts a tmpfs: run as root (or in a container)"

br_system_packages
br_odoo_src
br_npm_tools
br_venv
br_links
load_venv
load_pg_start
scale=""
if br_db_exists "$LOAD_DB"; then
  scale=$(psql -d "$LOAD_DB" -tAc "SELECT value FROM ir_config_parameter WHERE key='beneficiary_relations.bench_scale'" || true)
fi
[ -n "$scale" ] || scale=20000/60000
load_database "${scale%/*}" "${scale#*/}"

RUN="$LOAD_DIR/results/faults-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$RUN"
PY="$BR_VENV/bin/python"
LPY="$LOAD_VENV/bin/python"
CHECKS="$BR_ROOT/scripts/load/checks.py"
REPORT="$BR_ROOT/scripts/load/faults_report.py"
FS="$BR_DATA_DIR/filestore/$LOAD_DB"
PROBES="$RUN/probes.jsonl"
now() { date +%s.%N; }

# The filestore on a small tmpfs: its current content plus 24 MB.
mount_filestore() {
  local used
  mkdir -p "$FS"
  used=$(du -sm "$FS" | cut -f1)
  mv "$FS" "$FS.disk"
  mkdir -p "$FS"
  mount -t tmpfs -o "size=$((used + 24))m,mode=0700" tmpfs "$FS"
  cp -a "$FS.disk/." "$FS/"
  FS_MOUNTED=1
}
unmount_filestore() {
  [ "${FS_MOUNTED:-}" = 1 ] || return 0
  rm -f "$FS/zz-fill"
  cp -a "$FS/." "$FS.disk/"
  umount "$FS" && rmdir "$FS" && mv "$FS.disk" "$FS"
  FS_MOUNTED=
}
stop_background() {
  touch "$RUN/stop"
  # SIGTERM: a background job of a script ignores SIGINT; locust stops gracefully.
  [ -n "${LOCUST_PID:-}" ] && kill -TERM "$LOCUST_PID" 2>/dev/null && wait "$LOCUST_PID" 2>/dev/null
  [ -n "${PROBE_PID:-}" ] && wait "$PROBE_PID" 2>/dev/null
  LOCUST_PID= PROBE_PID=
}
cleanup() {
  stop_background || true
  load_odoo_stop
  unmount_filestore || true
  load_pg_stop
}
trap cleanup EXIT

http_workers() {
  local pid
  for pid in $(grep -oP 'Worker WorkerHTTP \(\K[0-9]+' "$LOAD_DIR/odoo.log" | sort -u); do
    kill -0 "$pid" 2>/dev/null && echo "$pid"
  done
}
cron_worker() {
  local pid
  pid=$(grep -oP 'Worker WorkerCron \(\K[0-9]+' "$LOAD_DIR/odoo.log" | tail -1)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}
in_transaction() { # $1 pid: its connection inside a transaction for 2 s or more
  [ "$(psql -d "$LOAD_DB" -tAc "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'odoo-$1'
     AND state IN ('active', 'idle in transaction') AND xact_start < now() - interval '2 seconds'")" != 0 ]
}

# $1 name, $2 what was done, $3 start, $4 end, $5 extra recovery seconds (or ""),
# $6 1 (survived so far), 0 (failed) or skipped
record_fault() {
  local recovered
  recovered=$("$LPY" "$REPORT" wait --probe-log "$PROBES" --since "$4" --timeout "$recover") || recovered=""
  if [ -n "$recovered" ] && [ -n "$5" ]; then
    recovered=$("$LPY" -c "print(max($recovered, $5))")
  fi
  sleep 3 # requests in flight end
  "$PY" "$CHECKS" check --db "$LOAD_DB" --before "$RUN/$1.before" --filestore "$FS" > "$RUN/$1.checks.json"
  "$LPY" - "$1" "$2" "$3" "$4" "${recovered:-}" "$6" "$RUN/$1.checks.json" >> "$RUN/faults.jsonl" <<'PY'
import json, sys
name, action, start, end, recovered, ok, checks = sys.argv[1:]
print(json.dumps({"name": name, "action": action, "t_start": float(start), "t_end": float(end),
                  "recovered_s": float(recovered) if recovered else None,
                  "ok": ok in ("1", "skipped"), "skipped": ok == "skipped",
                  "checks": json.load(open(checks))}, ensure_ascii=False))
PY
  log "$1: recovered in ${recovered:-(not within $recover s)} s"
}
snapshot() { "$PY" "$CHECKS" snapshot --db "$LOAD_DB" > "$RUN/$1.before"; }

fault_worker() {
  local pid="" pids t0 t1 i
  snapshot worker
  pids=$(http_workers)
  for i in $(seq 1 50); do # a worker in the middle of a request (its transaction open)
    for p in $pids; do
      if [ "$(psql -d "$LOAD_DB" -tAc "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'odoo-$p' AND state <> 'idle'")" != 0 ]; then
        pid=$p; break 2
      fi
    done
    sleep 0.1
  done
  [ -n "$pid" ] || pid=$(echo "$pids" | head -1)
  t0=$(now); kill -KILL "$pid"; t1=$(now)
  record_fault worker "SIGKILL of HTTP worker $pid (of $(echo "$pids" | wc -w))" "$t0" "$t1" "" 1
}

fault_postgres() {
  local t0 t1
  snapshot postgres
  t0=$(now)
  load_pg_ctl restart -m immediate -w -s >/dev/null
  t1=$(now)
  record_fault postgres "pg_ctl restart -m immediate (crash and recovery), $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") s down" "$t0" "$t1" "" 1
}

fault_cron() {
  local pid t0 t1 i new="" resumed="" ok=1 job
  snapshot cron
  pid=$(cron_worker) || { log "no cron worker"; return; }
  load_crons_due
  for i in $(seq 1 120); do in_transaction "$pid" && break; sleep 1; done
  if ! in_transaction "$pid"; then
    # The jobs had nothing left to do (e.g. the periodic review done by earlier runs):
    # no batch to stop; said so in the table rather than counted as a failure.
    record_fault cron "not run: no scheduled job had a batch in progress within 120 s" "$(now)" "$(now)" "" skipped
    return
  fi
  job=$(psql -d "$LOAD_DB" -tAc "SELECT left(query, 60) FROM pg_stat_activity WHERE application_name = 'odoo-$pid' AND state <> 'idle' LIMIT 1" | tr '|\n' '  ')
  t0=$(now); kill -KILL "$pid"; t1=$(now)
  for i in $(seq 1 "$recover"); do
    new=$(cron_worker || true)
    if [ -n "$new" ] && [ "$new" != "$pid" ]; then
      if [ "$(psql -d "$LOAD_DB" -tAc "SELECT count(*) FROM ir_cron_progress WHERE create_date > (to_timestamp($t1) AT TIME ZONE 'UTC')")" != 0 ] || in_transaction "$new"; then
        resumed=$("$LPY" -c "import time; print(round(time.time() - $t1, 1))"); break
      fi
    fi
    sleep 1
  done
  [ -n "$resumed" ] || ok=0
  record_fault cron "SIGKILL of the cron worker $pid mid-batch (${job:-a job}); new cron worker ${new:-none}, a job running again after ${resumed:-never} s" "$t0" "$t1" "${resumed:-}" "$ok"
}

fault_disk() {
  local t0 t1 hold=${BR_FAULT_DISK_SECONDS:-20}
  snapshot disk
  t0=$(now)
  dd if=/dev/zero of="$FS/zz-fill" bs=1M status=none 2>/dev/null || true
  log "filestore full: $(df -h "$FS" | tail -1 | awk '{print $3 " used of " $2}') for $hold s"
  sleep "$hold"
  rm -f "$FS/zz-fill"
  t1=$(now)
  record_fault disk "filestore (tmpfs $(df -h "$FS" | tail -1 | awk '{print $2}')) filled for $hold s, then freed" "$t0" "$t1" "" 1
}

mount_filestore
load_crons_due
load_odoo_start "$workers"
(load_locust 6 15s "$RUN/warmup") > /dev/null 2>&1 || true
(load_locust "$users" 20m "$RUN/locust") > "$RUN/locust.log" 2>&1 &
LOCUST_PID=$!
"$LPY" "$BR_ROOT/scripts/load/probe.py" --host "http://127.0.0.1:$LOAD_PORT" \
  --data "$LOAD_DIR/load-data.json" --out "$PROBES" --stop-file "$RUN/stop" 2>"$RUN/probe.err" &
PROBE_PID=$!
log "load running ($workers HTTP workers, $users locust users); warming up 20 s"
sleep 20
for fault in ${only//,/ }; do
  log "fault: $fault"
  "fault_$fault"
  sleep 5
done
stop_background
"$PY" "$CHECKS" confirmed --db "$LOAD_DB" --probe-log "$PROBES" > "$RUN/confirmed.txt"
load_odoo_stop
{
  echo "Faults $(basename "$RUN"): $workers HTTP workers, $users locust users, scale $scale"
  echo
  "$LPY" "$REPORT" table --probe-log "$PROBES" --faults "$RUN/faults.jsonl" --timeout "$recover"
  echo
  cat "$RUN/confirmed.txt"
} | tee "$RUN/table.md"
grep -q FAILED "$RUN/table.md" && exit 1
grep -q "^lost: 0" "$RUN/confirmed.txt" || exit 1
