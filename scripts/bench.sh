#!/usr/bin/env bash
# Benchmark command (separate from the tests): builds a database of association size with
# synthetic but realistic data, then measures the addon against its targets side by side
# and prints a table (also written as JSON). See README.md, section "Benchmarks".
#
#   scripts/bench.sh                          100,000 beneficiaries, 300,000 requests
#   scripts/bench.sh --million                1,000,000 requests (deadline job at that size)
#   scripts/bench.sh --beneficiaries N --requests N
#   scripts/bench.sh --orm-n N                beneficiaries registered through the ORM in
#                                             measurement 1 (default 10,000)
#   scripts/bench.sh --json FILE              where the results go (default: the cache)
#   scripts/bench.sh --reuse                  keep the database built by a previous run
#   scripts/bench.sh --only m1,m3             run only these measurements (m6: fairness report)
#   BR_BENCH_DB=name                          database name (default br_bench_data)
source "$(dirname "$0")/common.sh"
br_setup
trap br_pg_stop EXIT
cd "$BR_ROOT"

DB=${BR_BENCH_DB:-br_bench_data}
reuse=0
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --reuse) reuse=1 ;;
    --json) args+=(--json "$(realpath -m "$2")"); shift ;;
    *) args+=("$1") ;;
  esac
  shift
done

RUN_DIR="$BR_CACHE/runs/$DB"; mkdir -p "$RUN_DIR"
BR_CONF="$RUN_DIR/odoo.conf"
br_config "logfile = $RUN_DIR/odoo.log
log_level = warn"
if [ $reuse = 1 ] && br_db_exists "$DB"; then
  log "reusing database $DB (the addon is updated)"
  br_odoo -d "$DB" -u beneficiary_relations --stop-after-init \
    || { tail -40 "$RUN_DIR/odoo.log"; die "updating the addon failed"; }
else
  # Without demo data: the benchmark makes its own, at scale.
  br_template nodemo
  dropdb --if-exists "$DB" 2>/dev/null || true
  br_clone_db "$BR_TEMPLATE" "$DB"
  log "installing beneficiary_relations (no demo data) in $DB"
  br_odoo -d "$DB" -i beneficiary_relations --stop-after-init \
    || { tail -40 "$RUN_DIR/odoo.log"; die "installing the addon failed"; }
fi

"$BR_VENV/bin/python" "$BR_ROOT/scripts/bench.py" --config "$BR_CONF" --db "$DB" \
  --cache "$BR_CACHE" "${args[@]}"
