#!/usr/bin/env bash
# Test command: set-up, lint (ruff, pylint-odoo), a fresh database with the addon and its
# demo data, then the whole suite through pytest-odoo (HttpCase and browser tours
# included). Exits non-zero on a failed, erroring or skipped test, a lint finding, or an
# ERROR/CRITICAL line logged by Odoo while installing or testing.
#
#   scripts/test.sh                  everything
#   scripts/test.sh tests/test_x.py  only these test files (after the same checks)
#   BR_SKIP_LINT=1 scripts/test.sh   skip the linters (local iterations only)
#   BR_TEST_DB=name                  name of the test database (default br_test)
# Without file arguments, once the suite passed, scripts/test-upstream.sh runs Odoo's own
# suites of crm, survey, portal, mail and sms with the addon (BR_SKIP_UPSTREAM=1 skips),
# after scripts/test-upgrade.sh: the first release upgraded to this one keeps its data
# (BR_SKIP_UPGRADE=1 skips).
source "$(dirname "$0")/common.sh"
br_setup
trap br_pg_stop EXIT
cd "$BR_ROOT"

status=0
if [ -z "${BR_SKIP_LINT:-}" ]; then
  log "ruff"
  "$BR_VENV/bin/ruff" check --no-cache . || status=1
  "$BR_VENV/bin/ruff" format --no-cache --check --quiet . || { log "ruff format: run ruff format"; status=1; }
  log "pylint-odoo (OCA mandatory checks)"
  "$BR_VENV/bin/pylint" --rcfile=.pylintrc-mandatory --score=n \
    "$BR_LINKS/beneficiary_relations" || status=1
  log "sudo() reasons (threat model, principle 5)"
  "$BR_VENV/bin/python" scripts/check_sudo_comments.py || status=1
  [ $status = 0 ] || die "lint failed"
fi

# Odoo's own runner (odoo-bin --test-enable, OCA's CI) and pytest-odoo must see the same
# test modules and classes: every tests/test_*.py imported by tests/__init__.py, every
# test class tagged. Read from the source, in well under a second.
"$BR_VENV/bin/python" scripts/check_test_modules.py \
  || die "tests/__init__.py or a test class's tags disagree with the test files (above)"

DB=${BR_TEST_DB:-br_test}
RUN_DIR="$BR_CACHE/runs/$DB"; rm -rf "$RUN_DIR"; mkdir -p "$RUN_DIR"
BR_CONF="$RUN_DIR/odoo.conf"  # one configuration per test database
br_config "logfile = $RUN_DIR/odoo.log
log_level = info"
br_template demo
dropdb --if-exists "$DB" 2>/dev/null || true
br_clone_db "$BR_TEMPLATE" "$DB"
log "installing beneficiary_relations with demo data in $DB"
br_odoo -d "$DB" -i beneficiary_relations --stop-after-init \
  || { tail -40 "$RUN_DIR/odoo.log"; die "installing the addon failed"; }
# Re-read the assets once so that the right-to-left bundles are built with rtlcss.
psql -q -d "$DB" -c "DELETE FROM ir_attachment WHERE url LIKE '/web/assets/%'" >/dev/null

targets=("$@")
[ ${#targets[@]} = 0 ] && targets=(tests)
paths=()
for t in "${targets[@]}"; do paths+=("$BR_LINKS/beneficiary_relations/${t#./}"); done

log "pytest-odoo"
set +e
PYTHONPATH="$BR_ROOT/scripts${PYTHONPATH:+:$PYTHONPATH}" \
  "$BR_VENV/bin/python" -m pytest -p no:cacheprovider -p pytest_beneficiary \
  --odoo-database="$DB" --odoo-config="$BR_CONF" --odoo-http --odoo-log-level=info \
  -o python_files='test_*.py' -q -rfEs --color=no "${paths[@]}"
pytest_status=$?
set -e

if grep -nE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$RUN_DIR/odoo.log" > "$RUN_DIR/errors.txt"; then
  log "Odoo logged ERROR/CRITICAL lines while installing or testing:"
  head -40 "$RUN_DIR/errors.txt" >&2
  [ $pytest_status = 0 ] && pytest_status=1
fi
[ $pytest_status = 0 ] || log "tests failed (full Odoo log: $RUN_DIR/odoo.log)"
# The whole suite passed: a database of the first release upgraded to this version keeps
# its data (about half a minute), then Odoo's own suites of the extended modules.
if [ $pytest_status = 0 ] && [ $# = 0 ] && [ -z "${BR_SKIP_UPGRADE:-}" ]; then
  bash "$BR_ROOT/scripts/test-upgrade.sh" || pytest_status=1
fi
if [ $pytest_status = 0 ] && [ $# = 0 ] && [ -z "${BR_SKIP_UPSTREAM:-}" ]; then
  bash "$BR_ROOT/scripts/test-upstream.sh" || pytest_status=1
fi
exit $pytest_status
