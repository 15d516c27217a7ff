#!/usr/bin/env bash
# Shared set-up for scripts/run.sh and scripts/test.sh (sourced, not run).
# Safe to run again: every step checks what is already there.
#
# Settings (all optional):
#   ODOO_SRC      an Odoo 18.0 source tree; default: a shallow clone of the official
#                 18.0 branch kept in the cache
#   BR_CACHE      cache folder (virtualenv, Odoo clone, private PostgreSQL, template DB)
#                 default: /var/cache/beneficiary_relations as root,
#                 ${XDG_CACHE_HOME:-~/.cache}/beneficiary_relations otherwise
#   BR_DATA_DIR   Odoo's data_dir (filestore, sessions); default: BR_CACHE/data
#   PGHOST/PGPORT/PGUSER/PGPASSWORD or BR_DB_HOST/BR_DB_PORT/BR_DB_USER/BR_DB_PASSWORD
#                 use that PostgreSQL server instead of the private cluster
set -euo pipefail

BR_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ "$(id -u)" = 0 ]; then
  BR_CACHE=${BR_CACHE:-/var/cache/beneficiary_relations}
else
  BR_CACHE=${BR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/beneficiary_relations}
fi
mkdir -p "$BR_CACHE"
BR_PY=${BR_PYTHON:-python3}
BR_VENV="$BR_CACHE/venv-$("$BR_PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
# One addons folder per checkout: Odoo needs the folder named after the module.
BR_KEY=$(printf '%s' "$BR_ROOT" | sha1sum | cut -c1-10)
BR_LINKS="$BR_CACHE/addons-$BR_KEY"
BR_CONF="$BR_CACHE/odoo-$BR_KEY.conf"

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }

br_system_packages() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
  command -v pdftoppm >/dev/null || missing+=(poppler-utils)
  command -v msgfmt >/dev/null || missing+=(gettext)
  command -v git >/dev/null || missing+=(git)
  command -v npm >/dev/null || missing+=(npm)
  [ -f /usr/include/ldap.h ] || missing+=(libldap2-dev)
  [ -f /usr/include/sasl/sasl.h ] || missing+=(libsasl2-dev)
  command -v pg_config >/dev/null || [ -f /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
  [ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
  [ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core)
  if [ -z "${PGHOST:-${BR_DB_HOST:-}}" ] && ! br_pg_bindir >/dev/null 2>&1; then
    missing+=(postgresql)
  fi
  "$BR_PY" -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
  [ ${#missing[@]} = 0 ] && return 0
  if [ "$(id -u)" = 0 ]; then
    log "installing system packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    die "missing system packages; run: sudo apt-get install -y --no-install-recommends ${missing[*]}"
  fi
}

br_pg_bindir() {
  local d
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  command -v initdb >/dev/null && { dirname "$(readlink -f "$(command -v initdb)")"; return; }
  return 1
}

br_odoo_src() {
  if [ -n "${ODOO_SRC:-}" ]; then
    [ -f "$ODOO_SRC/odoo/release.py" ] || die "ODOO_SRC=$ODOO_SRC is not an Odoo source tree"
    BR_ODOO=$(cd "$ODOO_SRC" && pwd)
  else
    BR_ODOO="$BR_CACHE/odoo"
    if [ ! -f "$BR_ODOO/odoo/release.py" ]; then
      log "cloning Odoo 18.0 (shallow) into $BR_ODOO"
      rm -rf "$BR_ODOO"
      git clone -q --depth 1 --branch 18.0 https://github.com/odoo/odoo.git "$BR_ODOO"
    fi
  fi
  grep -q "version_info = (18, 0" "$BR_ODOO/odoo/release.py" || die "$BR_ODOO is not Odoo 18.0"
}

br_npm_tools() {
  # rtlcss turns the asset bundles and PDFs right to left for Arabic.
  if [ ! -x "$BR_CACHE/npm/node_modules/.bin/rtlcss" ]; then
    log "installing rtlcss (npm) into the cache"
    npm install --silent --no-audit --no-fund --prefix "$BR_CACHE/npm" rtlcss@4.3.0 >/dev/null
  fi
  # axe-core checks the portal and public pages against WCAG 2.2 AA in the browser tests
  # (tests/test_accessibility.py reads its path from BR_AXE_JS).
  local axe_version=4.14.1
  if ! grep -qs "\"version\": \"$axe_version\"" "$BR_CACHE/npm/node_modules/axe-core/package.json"; then
    log "installing axe-core $axe_version (npm) into the cache"
    npm install --silent --no-audit --no-fund --save-exact --prefix "$BR_CACHE/npm" \
      "axe-core@$axe_version" >/dev/null
  fi
  export BR_AXE_JS="$BR_CACHE/npm/node_modules/axe-core/axe.min.js"
  export PATH="$BR_CACHE/npm/node_modules/.bin:$PATH"
}

br_venv() {
  local stamp want
  want=$(cat "$BR_ODOO/requirements.txt" "$BR_ROOT/requirements-dev.txt" | sha1sum | cut -c1-16)
  stamp="$BR_VENV/.br-stamp"
  if [ ! -x "$BR_VENV/bin/python" ]; then
    log "creating virtualenv $BR_VENV"
    "$BR_PY" -m venv "$BR_VENV"
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    log "installing Python packages (Odoo requirements and the project's pinned tools)"
    local cons="$BR_CACHE/pip-constraints.txt"
    # PIP_CONSTRAINT replaces pip's configured constraint file: keep its lines.
    { cat /etc/xdg/pip/constraints.txt 2>/dev/null || true; echo 'setuptools<70'; } > "$cons"
    PIP_CONSTRAINT="$cons" "$BR_VENV/bin/pip" install -q --upgrade 'pip<25' wheel 'setuptools<70'
    PIP_CONSTRAINT="$cons" "$BR_VENV/bin/pip" install -q -r "$BR_ODOO/requirements.txt"
    PIP_CONSTRAINT="$cons" "$BR_VENV/bin/pip" install -q -r "$BR_ROOT/requirements-dev.txt"
    # setuptools<70 is for building cbor2 (above) only: its pkg_resources cannot read the
    # metadata of zope.interface 7+ and zope.event 5+ (``zope_interface-*.dist-info``),
    # and Odoo's gevent process (the bus) loads gevent's plugins through it
    # (``DistributionNotFound: zope.interface``, the process forked again and again).
    # The builds done, a newer setuptools (pkg_resources still there before 81).
    { cat /etc/xdg/pip/constraints.txt 2>/dev/null || true; } > "$cons"
    PIP_CONSTRAINT="$cons" "$BR_VENV/bin/pip" install -q --upgrade 'setuptools>=70,<81'
    echo "$want" > "$stamp"
  fi
  # Odoo is imported from its source tree (no copy in site-packages).
  local site
  site=$("$BR_VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  echo "$BR_ODOO" > "$site/odoo-src.pth"
}

br_links() {
  mkdir -p "$BR_LINKS"
  ln -sfn "$BR_ROOT" "$BR_LINKS/beneficiary_relations"
}

# --- PostgreSQL: given server, or a private cluster in the cache -------------------
br_pg_private() { [ -z "${PGHOST:-${BR_DB_HOST:-}}" ]; }

br_pg_as() {
  # Run a PostgreSQL server binary as its owner (PostgreSQL refuses to run as root).
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

br_pg_start() {
  if ! br_pg_private; then
    BR_DB_HOST=${BR_DB_HOST:-$PGHOST}; BR_DB_PORT=${BR_DB_PORT:-${PGPORT:-5432}}
    BR_DB_USER=${BR_DB_USER:-${PGUSER:-$(id -un)}}; BR_DB_PASSWORD=${BR_DB_PASSWORD:-${PGPASSWORD:-}}
    export PGHOST=$BR_DB_HOST PGPORT=$BR_DB_PORT PGUSER=$BR_DB_USER PGPASSWORD=$BR_DB_PASSWORD
    return 0
  fi
  local bin data sock
  bin=$(br_pg_bindir) || die "PostgreSQL server binaries not found"
  data="$BR_CACHE/pg/data"; sock="$BR_CACHE/pg/run"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    log "creating the private PostgreSQL cluster in $BR_CACHE/pg"
    mkdir -p "$data" "$sock"
    [ "$(id -u)" = 0 ] && chown -R postgres "$BR_CACHE/pg"
    br_pg_as "$bin/initdb" -D "$data" -U "$(id -un)" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  mkdir -p "$sock"; [ "$(id -u)" = 0 ] && chown postgres "$sock"
  if ! br_pg_as "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    br_pg_as "$bin/pg_ctl" -D "$data" -l "$BR_CACHE/pg/server.log" -w -s \
      -o "-k $sock -p 5432 -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" start
    BR_PG_STARTED=1
  fi
  export PGHOST="$sock" PGPORT=5432 PGUSER="$(id -un)"
  unset PGPASSWORD
  BR_DB_HOST=$PGHOST BR_DB_PORT=$PGPORT BR_DB_USER=$PGUSER BR_DB_PASSWORD=
}

br_pg_stop() {
  if br_pg_private && [ "${BR_PG_STARTED:-}" = 1 ]; then
    br_pg_as "$(br_pg_bindir)/pg_ctl" -D "$BR_CACHE/pg/data" -m fast -w -s stop || true
  fi
}

br_config() {
  # $1: extra lines for the [options] section
  cat > "$BR_CONF" <<CONF
[options]
addons_path = $BR_LINKS,$BR_ODOO/addons,$BR_ODOO/odoo/addons
data_dir = ${BR_DATA_DIR:-$BR_CACHE/data}
db_host = $BR_DB_HOST
db_port = $BR_DB_PORT
db_user = $BR_DB_USER
db_password = ${BR_DB_PASSWORD:-False}
http_interface = 127.0.0.1
http_port = ${BR_HTTP_PORT:-8069}
list_db = False
${1:-}
CONF
}

br_odoo() { "$BR_VENV/bin/python" "$BR_ODOO/odoo-bin" -c "$BR_CONF" "$@"; }

br_db_exists() { psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$1'" | grep -q 1; }

# Modules the addon depends on, read from its manifest (for the template database).
br_depends() {
  "$BR_VENV/bin/python" - "$BR_ROOT/__manifest__.py" <<'PY'
import ast, sys
print(",".join(ast.literal_eval(open(sys.argv[1]).read())["depends"]))
PY
}

# A template database with the dependencies installed, made once per Odoo source,
# dependency list and variant; new databases are copied from it in seconds.
#   br_template demo        with demo data and Arabic (the addon's test database)
#   br_template nodemo      without demo data, with Arabic (benchmarks)
#   br_template nodemo_en   without demo data, English only (Odoo's own suites, which
#                           assume a single language)
br_template() {
  local deps key variant=${1:-demo} lang_msg=" + Arabic"
  deps=$(br_depends)
  key=$( { echo "$deps"; cat "$BR_ODOO/odoo/release.py"; echo "$variant"; } | sha1sum | cut -c1-10)
  BR_TEMPLATE="br_tpl_${variant}_$key"
  if ! br_db_exists "$BR_TEMPLATE"; then
    local opts=()
    [ "$variant" = demo ] || opts+=(--without-demo=all)
    case $variant in
      *_en) lang_msg="" ;;
      *) opts+=(--load-language=ar_001) ;;
    esac
    log "building template database $BR_TEMPLATE ($deps$lang_msg)"
    br_odoo -d "$BR_TEMPLATE" -i "$deps" "${opts[@]}" \
      --stop-after-init --log-level=warn --logfile="$BR_CACHE/template.log" \
      || { tail -50 "$BR_CACHE/template.log" >&2; dropdb --if-exists "$BR_TEMPLATE"; die "template database failed"; }
  fi
}

# Copy a database and its filestore (attachments live on disk, not in PostgreSQL).
br_clone_db() {
  local store=${BR_DATA_DIR:-$BR_CACHE/data}/filestore
  createdb -T "$1" "$2"
  if [ -d "$store/$1" ]; then
    rm -rf "$store/$2"
    mkdir -p "$store"
    cp -a "$store/$1" "$store/$2"
  fi
}

br_setup() {
  br_system_packages
  br_odoo_src
  br_npm_tools
  br_venv
  br_links
  br_pg_start
}
