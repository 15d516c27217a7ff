"""pytest plugin for the addon's suite (loaded with ``-p``, kept outside ``tests/``).

- Marks each test as Odoo's current test, as Odoo's own runner does: without it mail
  is really sent through SMTP and test cursors misbehave under pytest-odoo on 18.0.
- Turns every skipped test into a failure: a tour that skips because Chromium or
  websocket-client is missing must make the run red.
"""

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    from odoo.modules import module  # imported late: Odoo is set up by pytest-odoo

    previous = module.current_test
    module.current_test = item.nodeid
    try:
        yield
    finally:
        module.current_test = previous


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    from odoo.modules import module

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
