import io

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import hijri

MANAGER = "beneficiary_relations.group_beneficiary_manager"


class BeneficiaryReportPeriod(models.AbstractModel):
    """A reporting period typed in Gregorian or Hijri (Umm al-Qura) dates, for the
    board's headline figures and the governance evidence pack (issue 17); managers only.
    Also the helpers their PDFs and xlsx files share."""

    _name = "beneficiary.report.period"
    _inherit = ["beneficiary.printable"]
    _description = "Reporting Period"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    calendar = fields.Selection(
        [("gregorian", "Gregorian"), ("hijri", "Hijri")],
        string="Dates In",
        required=True,
        default="gregorian",
    )
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    hijri_from = fields.Char(string="From (Hijri)", help="For example 1447/01/01")
    hijri_to = fields.Char(string="To (Hijri)", help="For example 1447/12/29")

    @api.model
    def _check_manager(self):
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only the association's managers export these figures."))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_manager()
        return super().create(vals_list)

    def _period(self):
        """``(first day, last day)`` of the period, Gregorian; a clear error otherwise."""
        self.ensure_one()
        self._check_manager()
        if self.company_id != self.env.company:
            raise AccessError(self.env._("These figures are those of the current association."))
        if self.calendar == "hijri":
            bounds = []
            for text in (self.hijri_from, self.hijri_to):
                try:
                    bounds.append(hijri.from_hijri(text))
                except ValueError:
                    raise UserError(
                        self.env._(
                            "%(date)s is not a Hijri date (Umm al-Qura, e.g. 1447/01/01).",
                            date=text,
                        )
                    ) from None
            start, end = bounds
        else:
            start, end = self.date_from, self.date_to
        if not (start and end):
            raise UserError(self.env._("Give the first and the last day of the period."))
        if start > end:
            raise UserError(self.env._("The period ends before it starts."))
        return start, end

    def _period_label(self):
        start, end = self._period()
        return self.env._(
            "From %(start)s to %(end)s",
            start=self._dual_date(start),
            end=self._dual_date(end),
        )

    # ------------------------------------------------------------ PDF and xlsx helpers
    # (language, direction, Hijri beside Gregorian, bidi: beneficiary.printable)
    def _print_today(self):
        return self._dual_date(fields.Date.context_today(self))

    def _xlsx(self, sheets):
        """An xlsx file (bytes) of ``sheets``: ``[(title, header, rows)]``, right to left
        in Arabic, one sheet each."""
        import xlsxwriter  # noqa: PLC0415 - a requirement of Odoo, loaded when used

        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = workbook.add_format({"bold": True, "bg_color": "#e8f0ea", "border": 1})
        rtl = self._text_dir() == "rtl"
        for title, header, rows in sheets:
            sheet = workbook.add_worksheet(title[:31])
            if rtl:
                sheet.right_to_left()
            sheet.write_row(0, 0, header, bold)
            for index, row in enumerate(rows, start=1):
                sheet.write_row(index, 0, [self._xlsx_value(value) for value in row])
            sheet.set_column(0, max(len(header) - 1, 0), 22)
        workbook.close()
        return output.getvalue()

    @staticmethod
    def _xlsx_value(value):
        if value is None or value is False:
            return ""
        if isinstance(value, (int, float, str)):
            return value
        return str(value)

    def _download(self, content, filename, mimetype):
        """Keep ``content`` as an attachment of the wizard and download it."""
        attachment = self.env["ir.attachment"].create(
            {
                "name": filename,
                "raw": content,
                "mimetype": mimetype,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/%s?download=true" % attachment.id,
            "target": "download",
        }
