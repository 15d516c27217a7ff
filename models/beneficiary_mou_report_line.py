from odoo import fields, models


class BeneficiaryMouReportLine(models.Model):
    """What an impact report states for one indicator of the MOU (P25)."""

    _name = "beneficiary.mou.report.line"
    _description = "Impact Report Indicator"
    _order = "report_id, sequence, id"

    report_id = fields.Many2one(
        "beneficiary.mou.report", required=True, ondelete="cascade", index=True
    )
    report_state = fields.Selection(related="report_id.state", store=True)
    company_id = fields.Many2one(related="report_id.company_id", store=True, index=True)
    target_id = fields.Many2one(
        "beneficiary.mou.target", string="Indicator", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(related="target_id.sequence", store=True)
    target_value = fields.Float(related="target_id.target_value", string="Target")
    unit = fields.Char(related="target_id.unit")
    achieved_value = fields.Float(string="Achieved in the Period")
    notes = fields.Char()
