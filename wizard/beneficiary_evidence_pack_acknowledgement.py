from odoo import models

ACKNOWLEDGEMENTS_FILE = "03-acknowledgements.xlsx"
BOARD_ROLES = ("chair", "vice_chair", "member")


class BeneficiaryEvidencePack(models.TransientModel):
    """The acknowledgements of the policy in the governance evidence pack (issue 17, P26,
    P36): every internal user of the association — employees, volunteers, contractors and
    board members with an account — against each version in force, with the date they
    acknowledged it and the date they confirmed reading the anti-money-laundering
    regulations, and both rates in the summary PDF; on a second sheet, the acknowledgements
    signed on paper by those without an account (board members, workers, volunteers,
    contractors), recorded by the manager."""

    _inherit = "beneficiary.evidence.pack"

    def _acknowledgement_rows(self, policies):
        """``[(version, name, login, state, requested, acknowledged, AML read, done,
        aml_done)]``: the last two are the figures' flags, not written in the sheet."""
        _ = self.env._
        users = self.env["res.users"].search(
            [("share", "=", False), ("company_ids", "in", self.company_id.id)], order="name"
        )
        states = self._labels(self.env["beneficiary.policy.acknowledgement"], "state")
        rows = []
        for policy in policies:
            acks = {ack.user_id: ack for ack in policy.acknowledgement_ids}
            for user in users | policy.acknowledgement_ids.user_id:
                ack = acks.get(user)
                rows.append(
                    (
                        policy.version,
                        user.name,
                        user.login,
                        states[ack.state] if ack else _("Not requested"),
                        self._dual_date(ack.requested_date) if ack else "",
                        self._dual_date(ack.date) if ack else "",
                        self._dual_date(ack.aml_read_date) if ack else "",
                        bool(ack and ack.state == "acknowledged"),
                        bool(ack and ack.aml_read_date),
                    )
                )
        return rows

    def _signed_rows(self, policies):
        """Every acknowledgement signed on paper for the versions in force (P36: the whole
        board, not only the chair; workers, volunteers and contractors without an account)."""
        Signed = self.env["beneficiary.policy.signed.acknowledgement"]
        roles = self._labels(Signed, "role")
        acks = Signed.search([("policy_id", "in", policies.ids)], order="policy_id, date, id")
        return [
            (ack.version, ack.name, roles[ack.role], self._dual_date(ack.date), ack.role)
            for ack in acks
        ]

    @staticmethod
    def _rate(part, total):
        return round(100.0 * part / total, 1) if total else None

    def _evidence(self):
        files, summary = super()._evidence()
        _ = self.env._
        rows = self._acknowledgement_rows(summary["policies"])
        signed = self._signed_rows(summary["policies"])
        files[ACKNOWLEDGEMENTS_FILE] = [
            (
                _("Acknowledgements"),
                [
                    _("Policy Version"),
                    _("Employee"),
                    _("Login"),
                    _("State"),
                    _("Requested On"),
                    _("Acknowledged On"),
                    _("AML Regulations Read On"),
                ],
                [row[:7] for row in rows],
            ),
            (
                _("Signed on Paper"),
                [_("Policy Version"), _("Name"), _("Capacity"), _("Acknowledged On")],
                [row[:4] for row in signed],
            ),
        ]
        done = sum(1 for row in rows if row[7])
        aml_done = sum(1 for row in rows if row[8])
        summary.update(
            acks_total=len(rows),
            acks_done=done,
            acks_rate=self._rate(done, len(rows)),
            aml_required=self.company_id.beneficiary_policy_aml_reading,
            aml_done=aml_done,
            aml_rate=self._rate(aml_done, len(rows)),
            signed_acks=len(signed),
            board_acks=sum(1 for row in signed if row[4] in BOARD_ROLES),
        )
        return files, summary
