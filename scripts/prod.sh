#!/usr/bin/env bash
# Production options of Odoo's multi-process server (sourced by scripts/run.sh --prod and
# the load and fault scripts, not run). Every value can be changed from the environment:
#
#   BR_WORKERS=n            HTTP worker processes (default 2 × cores + 1; 0 = threaded
#                           development server). Each serves one request at a time.
#   BR_CRON_THREADS=n       cron worker processes (default 1): scheduled jobs run there,
#                           never in an HTTP worker
#   BR_GEVENT_PORT=n        the evented process for the live bus/chat (websocket),
#                           default HTTP port + 3 (8072 beside 8069); a reverse proxy sends
#                           /websocket there
#   BR_LIMIT_MEMORY_SOFT=b  a worker above this (bytes of virtual memory) finishes its
#                           request and is replaced (default 2 GiB)
#   BR_LIMIT_MEMORY_HARD=b  a worker is killed at once above this (default 2.5 GiB)
#   BR_LIMIT_TIME_CPU=s     CPU seconds per request before the worker is killed (default 60)
#   BR_LIMIT_TIME_REAL=s    wall seconds per request (default 120); a cron job gets
#                           BR_LIMIT_TIME_REAL_CRON (default 0 = no limit: the long jobs
#                           commit batch by batch and resume)
#   BR_LIMIT_REQUEST=n      requests a worker serves before it is replaced (default 8192)
#   BR_PROXY_MODE=1         trust X-Forwarded-Host/-For/-Proto from a reverse proxy (only
#                           when Odoo listens on 127.0.0.1 behind that proxy; default 1)
#   BR_DB_MAXCONN=n         PostgreSQL connections per Odoo process (default 16)
#
# The addon is loaded server-wide (server_wide_modules = base,web,beneficiary_relations,
# the configuration-file form of --load=base,web,beneficiary_relations): Odoo imports it
# in the master before forking, so its post_load hook (tools/database_outage.py: HTTP 503
# with a clear page while PostgreSQL is unreachable, users stay signed in) is in place in
# every worker from the first request, even one a worker serves while PostgreSQL is down.

# The server-wide modules line (also used by scripts/run.sh without --prod).
br_server_wide() { echo "server_wide_modules = base,web,beneficiary_relations"; }

# Lines for the [options] section of the configuration file.
br_prod_config() {
  local cores http_port
  cores=$(nproc 2>/dev/null || echo 1)
  http_port=${BR_HTTP_PORT:-8069}
  cat <<CONF
workers = ${BR_WORKERS:-$((2 * cores + 1))}
max_cron_threads = ${BR_CRON_THREADS:-1}
gevent_port = ${BR_GEVENT_PORT:-$((http_port + 3))}
limit_memory_soft = ${BR_LIMIT_MEMORY_SOFT:-2147483648}
limit_memory_hard = ${BR_LIMIT_MEMORY_HARD:-2684354560}
limit_time_cpu = ${BR_LIMIT_TIME_CPU:-60}
limit_time_real = ${BR_LIMIT_TIME_REAL:-120}
limit_time_real_cron = ${BR_LIMIT_TIME_REAL_CRON:-0}
limit_request = ${BR_LIMIT_REQUEST:-8192}
proxy_mode = $([ "${BR_PROXY_MODE:-1}" = 1 ] && echo True || echo False)
db_maxconn = ${BR_DB_MAXCONN:-16}
$(br_server_wide)
CONF
}

# Odoo's gevent process (the bus) calls gevent's plugins through pkg_resources. A
# virtualenv made before scripts/common.sh upgraded setuptools after building cbor2 still
# has setuptools < 70, whose pkg_resources does not recognise the metadata of packages
# with a dot in their name installed under the new naming (``zope_interface-*.dist-info``
# for zope.interface 7+, zope.event 5+): the process dies with ``DistributionNotFound:
# zope.interface`` and the master forks it again and again (the HTTP workers go on, the
# bus does not). Only for such a virtualenv, a folder holding their metadata under the old
# names, on PYTHONPATH for the Odoo process only, lets pkg_resources find them; the
# virtualenv is not touched. A virtualenv set up now needs nothing.
br_prod_env() {
  local shim="$BR_CACHE/prod-shim"
  if "$BR_VENV/bin/python" -W ignore -c 'import pkg_resources; pkg_resources.require("gevent")' 2>/dev/null; then
    return 0
  fi
  "$BR_VENV/bin/python" - "$shim" <<'PY' || return 0
import importlib.metadata, os, sys
shim = sys.argv[1]
for dist in importlib.metadata.distributions():
    name = dist.metadata["Name"] or ""
    if "." in name and "_" in os.path.basename(str(getattr(dist, "_path", ""))):
        folder = os.path.join(shim, "%s-%s.dist-info" % (name, dist.version))
        if not os.path.isfile(os.path.join(folder, "METADATA")):
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, "METADATA"), "w") as meta:
                meta.write("Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, dist.version))
PY
  export PYTHONPATH="$shim${PYTHONPATH:+:$PYTHONPATH}"
}
