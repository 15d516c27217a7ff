#!/usr/bin/env bash
# Run command: set-up, then (once) a database with the addon, its demo data and Arabic,
# then Odoo on http://127.0.0.1:8069 until Ctrl-C.
#
#   BR_DB=name        database name (default beneficiary_relations)
#   BR_HTTP_PORT=n    port (default 8069)
#   BR_UPDATE=1       update the addon in the existing database first
#   BR_RESET=1        drop and recreate the database
#
#   scripts/run.sh --prod   the same database served by Odoo's multi-process server
#                     (HTTP workers, a cron worker, the gevent port for the bus; memory and
#                     time limits; proxy_mode): see scripts/prod.sh for BR_WORKERS and the
#                     other settings, and README "Deployment"
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/prod.sh"
PROD=0
for arg in "$@"; do
  case "$arg" in
    --prod) PROD=1 ;;
    *) die "unknown option $arg (only --prod)" ;;
  esac
done
br_setup
trap br_pg_stop EXIT

DB=${BR_DB:-beneficiary_relations}
if [ $PROD = 1 ]; then
  # db_name without dbfilter: Odoo serves that one database without listing
  # PostgreSQL's databases for the requests that come without a session.
  br_config "db_name = $DB
$(br_prod_config)"
else
  br_config "dbfilter = ^$DB\$
$(br_server_wide)"
fi
[ -n "${BR_RESET:-}" ] && dropdb --if-exists "$DB"
if ! br_db_exists "$DB"; then
  br_template demo
  br_clone_db "$BR_TEMPLATE" "$DB"
  log "installing beneficiary_relations with demo data in database $DB"
  br_odoo -d "$DB" -i beneficiary_relations --stop-after-init --log-level=warn
  # Arabic first: the administrator and the company work in Arabic.
  psql -q -d "$DB" -c "UPDATE res_partner SET lang='ar_001' WHERE id IN (SELECT partner_id FROM res_users WHERE login='admin')" >/dev/null
  # The demo requests were checked while their categories and levels still had only
  # their English names (Arabic names load at the end of the install): check them again.
  echo 'env["beneficiary.support.request"].search([("eligibility_line_ids", "!=", False)])._evaluate_eligibility(); env.cr.commit()' \
    | "$BR_VENV/bin/python" "$BR_ODOO/odoo-bin" shell -c "$BR_CONF" -d "$DB" --no-http --log-level=warn >/dev/null
elif [ -n "${BR_UPDATE:-}" ]; then
  br_odoo -d "$DB" -u beneficiary_relations --stop-after-init --log-level=warn
fi

cat <<MSG

  Beneficiary Relations is at http://127.0.0.1:${BR_HTTP_PORT:-8069}/odoo  (database $DB)

  Demo logins (password = login):
    admin         Administrator (all rights)
    manager       Manager                     مدير
    officer       Beneficiary-relations officer موظف علاقات المستفيدين
    researcher    Social researcher           الباحث الاجتماعي
    researcher2   Second social researcher    باحث اجتماعي آخر
    committee     Committee member            عضو لجنة
    partnerships  Partnerships team           فريق التمكين
    beneficiary   Portal beneficiary          مستفيد (البوابة) -> /my
    association   Portal partner association  جمعية شريكة (البوابة) -> /my

  The five associations (see README, "Demo"): Banan is the main company with the logins
  above; each other association has its own (password = login):
    meras.manager    meras.officer    meras.researcher    meras.committee      مراس
    tuwaiq.manager   tuwaiq.officer   tuwaiq.researcher   tuwaiq.committee     طويق
    aoun.manager     aoun.officer     aoun.researcher     aoun.committee       عون
    manarat.manager  manarat.officer  manarat.researcher  manarat.committee    منارات
  meras.researcher works for Meras and Aoun (company switcher).
  Each association's online applicant (portal, /my): <code>.online@example.com,
  e.g. meras.online@example.com (banan, meras, tuwaiq, aoun, manarat).

  Public pages (no login): /beneficiary/apply (apply online), /suggestions

  Stop with Ctrl-C.

MSG
if [ $PROD = 1 ]; then
  log "production mode: $(grep -E '^(workers|max_cron_threads|gevent_port|proxy_mode) ' "$BR_CONF" | tr '\n' ' ')"
  # Installing and updating stay single-process (above): workers only serve.
  br_prod_env
  br_odoo -d "$DB" --log-level=info
else
  br_odoo -d "$DB" --log-level=info
fi
