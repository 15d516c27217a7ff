#!/usr/bin/env bash
# Upgrade test: an association that installed the first release keeps its data.
# Takes the first release (tag 18.0.1.0.0, commit b704f22) from git into a temporary
# folder outside the checkout, installs it with its demo data and Arabic into a fresh
# database, records every row of the addon's tables (scripts/upgrade_check.py), then
# updates the same database to the working tree (-u beneficiary_relations, so the
# migrations of migrations/<version>/ run) and checks that every file, request,
# decision, declaration, document, access-log entry, breach, policy, ... is still there
# with the same values, and that the new version's migrations did their work.
# Prints "upgrade: N checks passed, N failed" and exits non-zero on any failure.
#
#   BR_UPGRADE_FROM=ref            the old version (default: tag 18.0.1.0.0, else b704f22)
#   BR_TEST_DB=name                the database is "<name>_upgrade" (default br_test)
#   BR_UPGRADE_HTTP_PORT=n         Odoo's HTTP port meanwhile (default 8369)
source "$(dirname "$0")/common.sh"
br_setup
cd "$BR_ROOT"

FROM=${BR_UPGRADE_FROM:-18.0.1.0.0}
if ! git rev-parse -q --verify "$FROM^{commit}" >/dev/null; then
  [ -z "${BR_UPGRADE_FROM:-}" ] && FROM=b704f22
  git rev-parse -q --verify "$FROM^{commit}" >/dev/null \
    || die "upgrade: $FROM is not in this clone's history (git fetch --tags --unshallow)"
fi
DB=${BR_TEST_DB:-br_test}_upgrade
RUN_DIR="$BR_CACHE/runs/$DB"; rm -rf "$RUN_DIR"; mkdir -p "$RUN_DIR"
OLD=$(mktemp -d "${TMPDIR:-/tmp}/br-upgrade-XXXXXX")
trap 'rm -rf "$OLD"; br_pg_stop' EXIT
start=$(date +%s)

# The old version, named like the addon (Odoo needs the folder named after the module).
mkdir -p "$OLD/src" "$OLD/addons"
git archive "$FROM" | tar -x -C "$OLD/src"
ln -sfn "$OLD/src" "$OLD/addons/beneficiary_relations"
OLD_VERSION=$("$BR_VENV/bin/python" -c \
  'import ast, sys; print(ast.literal_eval(open(sys.argv[1]).read())["version"])' \
  "$OLD/src/__manifest__.py")

port=${BR_UPGRADE_HTTP_PORT:-8369}
BR_CONF="$RUN_DIR/old.conf" BR_LINKS="$OLD/addons" BR_HTTP_PORT=$port br_config "log_level = info"
BR_CONF="$RUN_DIR/new.conf" BR_HTTP_PORT=$port br_config "log_level = info"

br_template demo
dropdb --if-exists "$DB" 2>/dev/null || true
br_clone_db "$BR_TEMPLATE" "$DB"
log "upgrade: installing $FROM ($OLD_VERSION) with demo data in $DB"
BR_CONF="$RUN_DIR/old.conf" br_odoo -d "$DB" -i beneficiary_relations --stop-after-init \
  --logfile="$RUN_DIR/install.log" \
  || { tail -40 "$RUN_DIR/install.log" >&2; die "upgrade: installing $FROM failed"; }
# Work done before the upgrade, through the old version's own buttons: a committee meeting
# with votes and decisions applied, confidential-file reads, changes and an export logged.
"$BR_VENV/bin/python" "$BR_ODOO/odoo-bin" shell -c "$RUN_DIR/old.conf" -d "$DB" --no-http --logfile="$RUN_DIR/history.log" \
  < scripts/upgrade_history.py \
  || { tail -40 "$RUN_DIR/history.log" >&2; die "upgrade: the work on $FROM failed"; }
"$BR_VENV/bin/python" scripts/upgrade_check.py snapshot "$DB" "$RUN_DIR/before.json"

log "upgrade: updating $DB to the working tree"
status=0
BR_CONF="$RUN_DIR/new.conf" br_odoo -d "$DB" -u beneficiary_relations --stop-after-init \
  --logfile="$RUN_DIR/upgrade.log" || status=1
if grep -nE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$RUN_DIR/upgrade.log" \
  > "$RUN_DIR/errors.txt"; then
  log "upgrade: Odoo logged ERROR/CRITICAL lines while updating:"
  head -40 "$RUN_DIR/errors.txt" >&2
  status=1
fi
[ $status = 0 ] || { tail -20 "$RUN_DIR/upgrade.log" >&2; log "upgrade: the update failed"; }
"$BR_VENV/bin/python" scripts/upgrade_check.py compare "$DB" "$RUN_DIR/before.json" \
  || status=1

elapsed=$(( $(date +%s) - start ))
[ $status = 0 ] || log "upgrade failed (logs: $RUN_DIR)"
echo "upgrade: from $FROM ($OLD_VERSION) to the working tree, $((elapsed / 60)) min $((elapsed % 60)) s"
exit $status
