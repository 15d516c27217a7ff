"""pytest plugin for the addon's suite (loaded with ``-p``, kept outside ``tests/``).

- Marks each test as Odoo's current test, as Odoo's own runner does: without it mail
  is really sent through SMTP and test cursors misbehave under pytest-odoo on 18.0.
- Turns every skipped test into a failure: a tour that skips because Chromium or
  websocket-client is missing must make the run red.
- Calls the addon's ``post_load`` hook: Odoo's loader (``load_openerp_module``) calls it
  when it imports the addon, but skips an addon already imported, as pytest's
  collection imports it.
- Drops the one ERROR line Odoo logs when pytest-odoo imports ``odoo.tests`` before it
  turns ``test_enable`` on ("Importing test framework"): a false alarm, while
  ``scripts/test.sh`` fails the run on any ERROR line in the log.
"""

import logging

import pytest


def _not_test_framework_import(record):
    return not record.getMessage().startswith("Importing test framework")


logging.getLogger("odoo.tests.common").addFilter(_not_test_framework_import)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    from odoo.modules import module  # imported late: Odoo is set up by pytest-odoo

    previous = module.current_test
    # The test case itself, as Odoo's runner sets it: HttpCase checks the test cursors
    # the browser's requests open against it (``check_test_cursor``).
    module.current_test = getattr(item, "instance", None) or item.nodeid
    try:
        yield
    finally:
        module.current_test = previous


_warmed_up = []


def _warm_up_statics():
    """Read every addon's manifest once, before any HTTP thread does.

    wkhtmltopdf fetches two report stylesheets at once; two server threads then parse
    manifests concurrently, which on CPython 3.11 can raise "AST constructor recursion
    depth mismatch" (a 500 logged as ERROR). Computing the lazy ``statics`` here avoids it.
    """
    if not _warmed_up:
        from odoo.http import root

        root.statics  # noqa: B018 (lazy property, computed for its side effect)
        _warmed_up.append(True)


def _post_load_hook():
    """The addon's manifest ``post_load`` hook, as Odoo's loader runs it (idempotent)."""
    import sys

    from odoo.modules.module import get_manifest

    package = sys.modules.get("odoo.addons.beneficiary_relations")
    hook = package and get_manifest("beneficiary_relations").get("post_load")
    if hook:
        getattr(package, hook)()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    from odoo.modules import module

    if not _warmed_up:
        _post_load_hook()
    _warm_up_statics()

    previous = module.current_test
    module.current_test = item.nodeid
    try:
        yield
    finally:
        module.current_test = previous


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = "Skipped tests are failures in this project: %s" % (reason,)
