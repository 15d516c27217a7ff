from odoo.addons.beneficiary_relations.tools import hijri
from odoo.tests import HttpCase, tagged

from .common_committee import CommitteeCommon

MINUTES_REPORT = "beneficiary_relations.action_report_committee_minutes"


@tagged("post_install", "-at_install")
class TestCommitteeMinutes(HttpCase, CommitteeCommon):
    """The minutes of a closed meeting, as a PDF in Arabic (P10)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.company.partner_id.lang = "ar_001"
        cls.report = cls.env.ref(MINUTES_REPORT)
        cls.approved, cls.rejected = cls.committee_requests(count=2)
        # Mid-day in Riyadh: the same day in UTC and local time.
        cls.meeting = cls.convened_meeting(date="2026-03-15 10:00:00")
        cls.propose(cls.decision_of(cls.meeting, cls.approved), "approve", "تنطبق الشروط")
        cls.propose(cls.decision_of(cls.meeting, cls.rejected), "reject", "لم تثبت الحاجة")
        for decision in cls.meeting.decision_ids:
            cls.cast(decision, (cls.chair, "for"), (cls.member2, "for"), (cls.member3, "against"))
        cls.meeting.action_close()

    def test_minutes_pdf(self):
        pdf, report_type = self.report.with_context(force_report_rendering=True)._render_qweb_pdf(
            self.report.report_name, res_ids=self.meeting.ids
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_minutes_in_arabic(self):
        self.assertEqual(self.meeting.state, "closed")
        report = self.report.with_context(lang="ar_001")
        html = report._render_qweb_html(report.report_name, self.meeting.ids)[0]
        html = html.decode()
        self.assertIn('dir="rtl"', html)
        self.assertIn(self.meeting.name, html)
        self.assertIn(self.research_committee.name, html)
        hijri_date = hijri.hijri_str(self.meeting.date)
        self.assertTrue(hijri_date)
        self.assertIn(hijri_date, html)
        for member in self.meeting.attendee_ids:
            self.assertIn(member.name, html)
        # Each outcome as labelled in Arabic (the label i18n/ar.po gives it).
        outcomes = dict(
            self.meeting.decision_ids._fields["outcome"]._description_selection(
                self.env(context={"lang": "ar_001"})
            )
        )
        for decision in self.meeting.decision_ids:
            self.assertIn(decision.request_id.ref, html)
            self.assertIn(outcomes[decision.outcome], html)
            self.assertIn(decision.reasons, html)
