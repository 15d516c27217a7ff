"""Every worker acknowledges the policy in force (P36).

Until this version only the users of the beneficiary groups were asked to acknowledge an
approved policy; volunteers, contractors and board members with an account of the
association were left out ("not requested" in the evidence pack). They are asked now for
the version in force: one acknowledgement and one activity each, as at an approval.
"""

from openupgradelib import openupgrade


def ask_every_worker(env):
    """Ask the internal users not yet asked for each version in force. :return: count"""
    policies = env["beneficiary.policy"].search([("state", "=", "approved")])
    before = env["beneficiary.policy.acknowledgement"].search_count([])
    policies._request_acknowledgements()
    return env["beneficiary.policy.acknowledgement"].search_count([]) - before


@openupgrade.migrate()
def migrate(env, version):
    ask_every_worker(env)
