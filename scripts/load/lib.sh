#!/usr/bin/env bash
# Shared by scripts/load.sh and scripts/faults.sh (sourced, not run).
#
# The load and fault runs use a PostgreSQL cluster of their own (BR_CACHE/pg-load, its
# own socket folder and port) and a data_dir of their own (BR_CACHE/load/data): the fault
# run restarts that PostgreSQL and fills that filestore, and must never touch the cluster
# the tests and scripts/run.sh use.
#
#   BR_LOAD_DB=name         database (default br_load)
#   BR_LOAD_HTTP_PORT=n     Odoo's port for the runs (default 8269; gevent port + 3)
#   BR_LOAD_PG_PORT=n       the load cluster's port (default 5433, Unix socket only)
#   BR_LOAD_NO_UPDATE=1     reuse the database without updating the addon first
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../prod.sh"

LOCUST_VERSION=2.47.0
LOAD_DIR="$BR_CACHE/load"
LOAD_PG="$BR_CACHE/pg-load"
LOAD_VENV="$BR_CACHE/venv-load"
LOAD_DB=${BR_LOAD_DB:-br_load}
LOAD_PORT=${BR_LOAD_HTTP_PORT:-8269}
LOAD_PG_PORT=${BR_LOAD_PG_PORT:-5433}
export BR_DATA_DIR="$LOAD_DIR/data"
BR_HTTP_PORT=$LOAD_PORT
mkdir -p "$LOAD_DIR/data" "$LOAD_DIR/results"

# locust in a virtualenv of its own (gevent and friends pinned by locust itself), never
# in Odoo's.
load_venv() {
  if ! "$LOAD_VENV/bin/python" -c "import locust, sys; sys.exit(locust.__version__ != '$LOCUST_VERSION')" 2>/dev/null; then
    log "installing locust $LOCUST_VERSION into $LOAD_VENV"
    "$BR_PY" -m venv "$LOAD_VENV"
    "$LOAD_VENV/bin/pip" install -q "locust==$LOCUST_VERSION"
  fi
}

load_pg_bin() { br_pg_bindir; }

load_pg_ctl() { br_pg_as "$(load_pg_bin)/pg_ctl" -D "$LOAD_PG/data" "$@"; }

# The load cluster: production settings (fsync and synchronous commits on: the fault run
# checks that nothing committed is lost when PostgreSQL stops at once).
load_pg_start() {
  local bin sock="$LOAD_PG/run"
  bin=$(load_pg_bin) || die "PostgreSQL server binaries not found"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
  fi
  if [ ! -f "$LOAD_PG/data/PG_VERSION" ]; then
    log "creating the load test's PostgreSQL cluster in $LOAD_PG"
    mkdir -p "$LOAD_PG/data" "$sock"
    [ "$(id -u)" = 0 ] && chown -R postgres "$LOAD_PG"
    br_pg_as "$bin/initdb" -D "$LOAD_PG/data" -U "$(id -un)" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  mkdir -p "$sock"; [ "$(id -u)" = 0 ] && chown postgres "$sock"
  if ! load_pg_ctl status >/dev/null 2>&1; then
    load_pg_ctl -l "$LOAD_PG/server.log" -w -s \
      -o "-k $sock -p $LOAD_PG_PORT -c listen_addresses='' -c max_connections=200 -c shared_buffers=256MB -c work_mem=16MB" start
    LOAD_PG_STARTED=1
  fi
  export PGHOST="$sock" PGPORT=$LOAD_PG_PORT PGUSER="$(id -un)"
  unset PGPASSWORD
  BR_DB_HOST=$PGHOST BR_DB_PORT=$PGPORT BR_DB_USER=$PGUSER BR_DB_PASSWORD=
}

load_pg_stop() {
  if [ "${LOAD_PG_STARTED:-}" = 1 ]; then load_pg_ctl -m fast -w -s stop || true; fi
}

# The benchmark's database (scripts/bench.py builds it) in the load cluster, plus what the
# load needs: services open online with a document to send, portal accounts of
# beneficiaries with open requests. Reused when it already holds the scale asked.
#   $1 beneficiaries, $2 requests
load_database() {
  local beneficiaries=$1 requests=$2 scale
  BR_CONF="$LOAD_DIR/odoo-build.conf"
  br_config "logfile = $LOAD_DIR/build.log
log_level = warn"
  scale=""
  if br_db_exists "$LOAD_DB"; then
    scale=$(psql -d "$LOAD_DB" -tAc "SELECT value FROM ir_config_parameter WHERE key='beneficiary_relations.bench_scale'" || true)
  fi
  if [ "$scale" != "$beneficiaries/$requests" ]; then
    br_template nodemo
    dropdb --if-exists "$LOAD_DB" 2>/dev/null || true
    br_clone_db "$BR_TEMPLATE" "$LOAD_DB"
    log "installing beneficiary_relations (no demo data) in $LOAD_DB (load cluster)"
    br_odoo -d "$LOAD_DB" -i beneficiary_relations --stop-after-init \
      || { tail -40 "$LOAD_DIR/build.log"; die "installing the addon failed"; }
    "$BR_VENV/bin/python" "$BR_ROOT/scripts/bench.py" --config "$BR_CONF" --db "$LOAD_DB" \
      --beneficiaries "$beneficiaries" --requests "$requests" --measure build >/dev/null \
      || die "building the data failed"
  elif [ -n "${BR_LOAD_NO_UPDATE:-}" ]; then
    log "reusing $LOAD_DB ($scale) as it is (BR_LOAD_NO_UPDATE)"
  else
    log "reusing $LOAD_DB ($scale); the addon is updated"
    br_odoo -d "$LOAD_DB" -u beneficiary_relations --stop-after-init \
      || { tail -40 "$LOAD_DIR/build.log"; die "updating the addon failed"; }
  fi
  "$BR_VENV/bin/python" "$BR_ROOT/scripts/load/prepare.py" --config "$BR_CONF" --db "$LOAD_DB" \
    --out "$LOAD_DIR/load-data.json"
}

# Odoo's multi-process server on the load database, in the background.
#   $1 HTTP workers
load_odoo_start() {
  local workers=$1 i
  BR_CONF="$LOAD_DIR/odoo-prod.conf"
  # db_name without dbfilter: Odoo serves that one database without listing
  # PostgreSQL's databases for the requests that come without a session.
  BR_WORKERS=$workers br_config "db_name = $LOAD_DB
logfile = $LOAD_DIR/odoo.log
log_level = warn
log_handler = odoo.service.server:INFO,odoo.service.model:INFO
$(BR_WORKERS=$workers br_prod_config)"
  : > "$LOAD_DIR/odoo.log"
  br_prod_env
  # exec: $! is Odoo's master process itself (the fault run signals its workers).
  (exec "$BR_VENV/bin/python" "$BR_ODOO/odoo-bin" -c "$BR_CONF" -d "$LOAD_DB" >/dev/null 2>&1) &
  LOAD_ODOO_PID=$!
  for i in $(seq 1 120); do
    if curl -fs -o /dev/null "http://127.0.0.1:$LOAD_PORT/web/login"; then return 0; fi
    kill -0 "$LOAD_ODOO_PID" 2>/dev/null || { tail -30 "$LOAD_DIR/odoo.log"; die "Odoo did not start"; }
    sleep 1
  done
  die "Odoo did not answer on port $LOAD_PORT within 120 s"
}

load_odoo_stop() {
  if [ -n "${LOAD_ODOO_PID:-}" ] && kill -0 "$LOAD_ODOO_PID" 2>/dev/null; then
    kill -TERM "$LOAD_ODOO_PID"
    for _ in $(seq 1 30); do kill -0 "$LOAD_ODOO_PID" 2>/dev/null || break; sleep 1; done
    kill -0 "$LOAD_ODOO_PID" 2>/dev/null && kill -KILL "$LOAD_ODOO_PID"
    wait "$LOAD_ODOO_PID" 2>/dev/null || true
  fi
  LOAD_ODOO_PID=
}

# The scheduled jobs of the addon due now: the cron worker runs them during the load.
load_crons_due() {
  psql -q -d "$LOAD_DB" -c "UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC' - interval '1 minute'
    WHERE active AND id IN (
      SELECT res_id FROM ir_model_data WHERE module = 'beneficiary_relations' AND model = 'ir.cron');
    NOTIFY cron_trigger, '$LOAD_DB'" >/dev/null
}

# locust, headless and bounded (it replaces the shell: call it in a subshell).  $1 users, $2 run time, $3 CSV prefix, rest: extra options
load_locust() {
  local users=$1 run_time=$2 prefix=$3
  shift 3
  BR_LOAD_DATA="$LOAD_DIR/load-data.json" exec "$LOAD_VENV/bin/locust" \
    -f "$BR_ROOT/scripts/load/locustfile.py" --headless --only-summary \
    --host "http://127.0.0.1:$LOAD_PORT" -u "$users" -r "$users" --run-time "$run_time" \
    --stop-timeout 10 --csv "$prefix" --exit-code-on-error 0 "$@"
}
