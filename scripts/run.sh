#!/usr/bin/env bash
# Run command: set-up, then (once) a database with the addon, its demo data and Arabic,
# then Odoo on http://127.0.0.1:8069 until Ctrl-C.
#
#   BR_DB=name        database name (default beneficiary_relations)
#   BR_HTTP_PORT=n    port (default 8069)
#   BR_UPDATE=1       update the addon in the existing database first
#   BR_RESET=1        drop and recreate the database
source "$(dirname "$0")/common.sh"
br_setup
trap br_pg_stop EXIT

DB=${BR_DB:-beneficiary_relations}
br_config "dbfilter = ^$DB\$"
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

  Public pages (no login): /beneficiary/apply (apply online), /suggestions

  Stop with Ctrl-C.

MSG
br_odoo -d "$DB" --log-level=info
