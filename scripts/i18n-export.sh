#!/usr/bin/env bash
# Regenerate i18n/beneficiary_relations.pot from a fresh install and merge it into
# i18n/ar.po (new entries come in untranslated: translate them before committing).
source "$(dirname "$0")/common.sh"
br_setup
trap br_pg_stop EXIT
DB=br_i18n
br_config ""
br_template demo
dropdb --if-exists "$DB"
br_clone_db "$BR_TEMPLATE" "$DB"
br_odoo -d "$DB" -i beneficiary_relations --stop-after-init --log-level=warn
br_odoo -d "$DB" --modules=beneficiary_relations --i18n-export="$BR_ROOT/i18n/beneficiary_relations.pot" \
  --stop-after-init --log-level=warn
if [ -f "$BR_ROOT/i18n/ar.po" ]; then
  msgmerge --quiet --no-fuzzy-matching --update --backup=none "$BR_ROOT/i18n/ar.po" "$BR_ROOT/i18n/beneficiary_relations.pot"
else
  msginit --no-translator --locale=ar --input="$BR_ROOT/i18n/beneficiary_relations.pot" --output-file="$BR_ROOT/i18n/ar.po"
fi
msgfmt --statistics -o /dev/null "$BR_ROOT/i18n/ar.po"
