from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import TINY_PDF
from .common_request import SupportRequestCommon


@tagged("post_install", "-at_install")
class TestSupportRequestWorkflow(SupportRequestCommon):
    """Each step of a support request and what it needs (P6, P9–P13, P15, P18)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service_research_only = cls.create_service(
            name="Home Visit Assessment", requires_committee=False
        )
        cls.service_women = cls.create_service(
            name="Women's Training",
            gender="female",
            requires_research=False,
            requires_committee=False,
        )
        cls.service_out = cls.create_service(name="Dialysis Sessions", in_scope=False)
        cls.service_disability_report = cls.create_service(
            name="Wheelchair",
            requires_research=False,
            requires_committee=False,
            document_type_ids=[Command.set(cls.doc_disability_report.ids)],
        )

    # ------------------------------------------------------------------ helpers
    def new_request(self, service=None, user=None, **beneficiary_values):
        beneficiary = self.create_beneficiary(lang="en_US", **beneficiary_values)
        request = self.create_request(beneficiary, service)
        return request.with_user(user or self.officer)

    def messages_posted(self, request, since):
        """Messages with a body posted on ``request`` after the message ids ``since``."""
        request.env.flush_all()
        return request.sudo().message_ids.filtered(lambda m: m.id not in since and m.body)

    # ------------------------------------------------------------------ submit
    def test_submit_refused_without_declaration(self):
        request = self.new_request(declaration=False)
        with self.assertRaisesText(UserError, "not signed the declaration") as caught:
            request.action_submit()
        self.assertNotIn("consent", str(caught.exception))
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.submit_date)

    def test_submit_refused_without_consent(self):
        request = self.new_request(consent=False)
        with self.assertRaisesText(UserError, "not given consent to the service terms") as caught:
            request.action_submit()
        self.assertNotIn("declaration", str(caught.exception))
        self.assertEqual(request.state, "draft")

    def test_submit_refused_for_suspended_file(self):
        request = self.new_request()
        beneficiary = request.beneficiary_id
        self.transition(beneficiary, "action_suspend", "لم يحضر للمقابلة ثلاث مرات")
        self.assertEqual(beneficiary.state, "suspended")
        with self.assertRaisesText(UserError, "suspended or closed"):
            request.action_submit()
        self.assertEqual(request.state, "draft")

    def test_submit_starts_the_clock(self):
        request = self.new_request()
        request.action_submit()
        self.assertEqual(request.state, "submitted")
        self.assertTrue(request.submit_date)
        self.assertEqual(
            request.decision_deadline,
            request.submit_date.date() + timedelta(days=self.service.decision_days),
        )

    # ------------------------------------------------------------------ verify
    def add_document(self, beneficiary, doc_type, state, expiry):
        return self.env["beneficiary.document"].create(
            {
                "beneficiary_id": beneficiary.id,
                "document_type_id": doc_type.id,
                "file": TINY_PDF,
                "file_name": "report.pdf",
                "expiry_date": expiry,
                "state": state,
            }
        )

    def test_verify_needs_the_service_documents_verified(self):
        request = self.new_request(self.service_disability_report)
        request.action_submit()
        request.data_checked = True
        beneficiary = request.beneficiary_id
        # Missing.
        with self.assertRaisesText(UserError, "documents not verified yet: Disability Medical"):
            request.action_verify()
        # Handed in but not checked yet.
        document = self.add_document(
            beneficiary, self.doc_disability_report, "pending", self.today + timedelta(days=300)
        )
        with self.assertRaisesText(UserError, "documents not verified yet: Disability Medical"):
            request.action_verify()
        # Verified once, but expired since.
        document.unlink()
        self.add_document(
            beneficiary, self.doc_disability_report, "verified", self.today - timedelta(days=1)
        )
        with self.assertRaisesText(UserError, "documents not verified yet: Disability Medical"):
            request.action_verify()
        self.assertEqual(request.state, "submitted")
        # Valid.
        self.add_document(
            beneficiary, self.doc_disability_report, "verified", self.today + timedelta(days=300)
        )
        self.assertFalse(request.missing_document_type_ids)
        request.action_verify()
        self.assertEqual(request.state, "verification")

    def test_verify_needs_the_category_documents_verified(self):
        request = self.new_request(documents=False)
        request.action_submit()
        request.data_checked = True
        with self.assertRaises(UserError) as caught:
            request.action_verify()
        message = str(caught.exception)
        # The job seekers' documents, each by name.
        for doc_type in (self.doc_national_id, self.doc_cv, self.doc_qualification):
            self.assertIn(doc_type.name, message)
        self.assertEqual(request.state, "submitted")

    def test_verify_needs_data_checked(self):
        request = self.new_request()
        request.action_submit()
        with self.assertRaisesText(UserError, "data was matched and checked"):
            request.action_verify()
        self.assertEqual(request.state, "submitted")
        request.data_checked = True
        request.action_verify()
        self.assertEqual(request.state, "verification")

    # ---------------------------------------------------------------- referral
    def test_out_of_scope_service_is_referred(self):
        request = self.new_request(self.service_out)
        request.action_submit()
        todo = request.activity_ids.filtered(lambda a: "refer" in (a.summary or ""))
        self.assertEqual(len(todo), 1, "the officer is reminded to refer the request")
        request.data_checked = True
        with self.assertRaisesText(UserError, "does not offer this service; refer"):
            request.action_verify()
        self.assertEqual(request.state, "submitted")

        since = set(request.sudo().message_ids.ids)
        note = "جمعية إنسان تقدم جلسات الغسيل الكلوي، هاتف 0114000000"
        self.confirm_wizard(
            request, "action_refer", partner_id=self.referral_association.id, note=note
        )
        self.assertEqual(request.state, "referred")
        self.assertEqual(request.decision, "referred")
        self.assertEqual(request.referral_partner_id, self.referral_association)
        self.assertEqual(request.referral_note, note)
        self.assertEqual(request.referral_outcome, "pending")
        self.assertEqual(request.decided_by_id, self.officer)
        self.assertTrue(self.messages_posted(request, since), "the beneficiary is told")
        # Once referred there is nothing left to decide.
        with self.assertRaisesText(UserError, "cannot be referred"):
            request.action_refer()

    def test_refer_wizard_offers_referral_associations_only(self):
        request = self.new_request(self.service_out)
        wizard = self.open_wizard(
            request, "action_refer", partner_id=self.referral_association.id, note="x"
        )
        self.assertEqual(wizard.request_ids, request)
        allowed = self.env["res.partner"].search(wizard._fields["partner_id"].domain)
        self.assertIn(self.referral_association, allowed)
        self.assertNotIn(request.partner_id, allowed)

    # ------------------------------------------------------- research, committee
    def test_send_to_research_needs_a_researcher(self):
        request = self.new_request(researcher_id=False)
        self.advance(request, "verification")
        self.assertFalse(request.researcher_id)
        with self.assertRaisesText(UserError, "Assign a social researcher first"):
            request.action_send_to_research()
        self.assertEqual(request.state, "verification")
        # A manager assigns the researcher (an officer may not).
        with self.assertRaises(AccessError):
            request.with_user(self.officer).researcher_id = self.researcher2
        request.with_user(self.manager).researcher_id = self.researcher2
        request.action_send_to_research()
        self.assertEqual(request.state, "research")
        activity = self.activities(request, self.activity_research)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.researcher2)
        self.assertEqual(activity.date_deadline, request.decision_deadline)

    def test_researcher_comes_from_the_file(self):
        request = self.new_request(researcher_id=self.researcher2.id)
        self.assertEqual(request.researcher_id, self.researcher2)

    def test_send_to_committee_needs_the_research_report(self):
        request = self.new_request()
        self.advance(request, "verification")
        with self.assertRaisesText(UserError, "needs the social research first"):
            request.action_send_to_committee()
        request.action_send_to_research()
        with self.assertRaisesText(UserError, "write the social research report first"):
            request.action_send_to_committee()
        request.with_user(self.researcher).research_report = "<p> </p>"
        with self.assertRaisesText(UserError, "write the social research report first"):
            request.action_send_to_committee()
        request.with_user(self.researcher).research_report = "<p>الأسرة بلا دخل ثابت</p>"
        request.with_user(self.researcher).action_send_to_committee()
        self.assertEqual(request.state, "committee")
        # The research activity is done, and kept in the chatter.
        self.assertFalse(self.activities(request, self.activity_research))
        done = request.sudo().message_ids.filtered(
            lambda m: m.mail_activity_type_id == self.activity_research
        )
        self.assertEqual(len(done), 1)

    def test_service_without_research_goes_straight_to_committee(self):
        service = self.create_service(name="Food Basket", requires_research=False)
        request = self.new_request(service)
        self.advance(request, "verification")
        request.action_send_to_committee()
        self.assertEqual(request.state, "committee")

    # ----------------------------------------------------------------- approve
    def test_approve_only_in_the_decision_states(self):
        cases = (
            (self.service, "research", "committee"),
            (self.service_research_only, "verification", "research"),
            (self.service_direct, "submitted", "verification"),
        )
        for service, too_early, decidable in cases:
            with self.subTest(service=service.name):
                request = self.new_request(service)
                self.advance(request, too_early)
                with self.assertRaisesText(UserError, "cannot be approved in state"):
                    request.action_approve()
                with self.assertRaisesText(UserError, "cannot be rejected in state"):
                    request.action_reject()
                self.assertEqual(request.state, too_early)
                if decidable == "research":
                    request.action_send_to_research()
                elif decidable == "committee":
                    self.advance_from_research(request)
                else:
                    request.data_checked = True
                    request.action_verify()
                self.assertEqual(request.state, decidable)
                self.assertTrue(request.action_approve())
                self.assertEqual(request.state, "approved")
                self.assertEqual(request.decision, "approved")
                self.assertEqual(request.decided_by_id, self.officer)
                self.assertTrue(request.decision_date)

    def advance_from_research(self, request):
        # The researcher writes the report (P7: officers may neither read nor write it).
        request.with_user(self.researcher).research_report = "<p>تقرير البحث</p>"
        request.action_send_to_committee()

    def test_officer_cannot_approve_a_non_eligible_request(self):
        request = self.new_request(self.service_women)
        self.advance(request, "verification")
        self.assertFalse(request.eligibility_ok)
        with self.assertRaises(UserError) as caught:
            request.action_approve()
        message = str(caught.exception)
        self.assertIn(request.ref, message)
        self.assertIn("Gender: the service is for female only.", message)
        self.assertIn("Only a manager", message)
        self.assertEqual(request.state, "verification")

    def test_manager_overrides_eligibility_with_a_reason(self):
        request = self.new_request(self.service_women, user=self.manager)
        self.advance(request, "verification")
        action = request.action_approve()
        self.assertEqual(action["res_model"], "beneficiary.support.request.reason")
        self.assertEqual(action["context"]["default_mode"], "override")
        self.assertEqual(request.state, "verification", "nothing approved before the reason")
        wizard = self.open_wizard(request, "action_approve")
        self.assertFalse(wizard.failed_line_ids)
        with self.assertRaisesText(UserError, "Give the reason"):
            wizard.action_confirm()
        wizard.reason = "   "
        with self.assertRaisesText(UserError, "Give the reason"):
            wizard.action_confirm()
        self.assertEqual(request.state, "verification")
        reason = "الأب متوفى والأم تعول الأسرة: قرار اللجنة رقم ١٢"
        wizard.reason = reason
        wizard.action_confirm()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.override_reason, reason)
        self.assertEqual(request.decided_by_id, self.manager)
        self.assertFalse(request.eligibility_ok, "the override does not hide the result")

    def test_officer_cannot_confirm_an_override(self):
        request = self.new_request(self.service_women)
        self.advance(request, "verification")
        wizard = (
            self.env["beneficiary.support.request.reason"]
            .with_user(self.officer)
            .create({"mode": "override", "request_ids": [Command.set(request.ids)], "reason": "x"})
        )
        with self.assertRaises(AccessError):
            wizard.action_confirm()
        self.assertEqual(request.state, "verification")

    # ------------------------------------------------------------------ reject
    def test_reject_with_the_failed_criteria(self):
        service = self.create_service(
            name="Orphans' Scholarship",
            requires_research=False,
            requires_committee=False,
            category_ids=[Command.set(self.category_orphan.ids)],
            max_income=1000,
            income_basis="personal",
        )
        request = self.new_request(service, monthly_income=4000)
        self.advance(request, "verification")
        failed = request.eligibility_line_ids.filtered(lambda line: not line.met)
        self.assertEqual(len(failed), 2)
        wizard = self.open_wizard(request, "action_reject")
        self.assertEqual(wizard.mode, "reject")
        self.assertEqual(wizard.failed_line_ids, failed, "unmet conditions are preselected")
        wizard.action_confirm()
        self.assertEqual(request.state, "rejected")
        self.assertEqual(request.decision, "rejected")
        self.assertEqual(request.rejection_reason, "\n".join(failed.mapped("explanation")))
        self.assertIn("Category: the service is for Orphans.", request.rejection_reason)

    def test_reject_needs_a_reason(self):
        request = self.new_request(self.service_direct)
        self.advance(request, "verification")
        self.assertTrue(request.eligibility_ok)
        wizard = self.open_wizard(request, "action_reject")
        self.assertFalse(wizard.failed_line_ids)
        with self.assertRaisesText(UserError, "Give the reason"):
            wizard.action_confirm()
        self.assertEqual(request.state, "verification")
        wizard.reason = "الخدمة متوقفة حتى نهاية العام المالي"
        wizard.action_confirm()
        self.assertEqual(request.state, "rejected")
        self.assertEqual(request.rejection_reason, "الخدمة متوقفة حتى نهاية العام المالي")

    def test_reject_without_the_preselected_criteria_needs_a_reason(self):
        request = self.new_request(self.service_women)
        self.advance(request, "verification")
        wizard = self.open_wizard(request, "action_reject")
        self.assertTrue(wizard.failed_line_ids)
        wizard.failed_line_ids = False
        with self.assertRaisesText(UserError, "Give the reason"):
            wizard.action_confirm()
        self.assertEqual(request.state, "verification")

    # ------------------------------------------------------------------ cancel
    def test_cancel_with_a_reason(self):
        request = self.new_request()
        self.advance(request, "submitted")
        wizard = self.open_wizard(request, "action_cancel")
        with self.assertRaisesText(UserError, "Give the reason"):
            wizard.action_confirm()
        self.assertEqual(request.state, "submitted")
        self.confirm_wizard(request, "action_cancel", reason="طلب المستفيد إلغاء الطلب")
        self.assertEqual(request.state, "cancelled")
        self.assertEqual(request.cancel_reason, "طلب المستفيد إلغاء الطلب")
        # A cancelled request may be reopened as a draft.
        request.action_reset_draft()
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.cancel_reason)

    def test_decided_request_cannot_be_cancelled(self):
        request = self.new_request(self.service_direct)
        self.advance(request, "verification")
        request.action_approve()
        with self.assertRaisesText(UserError, "cannot be cancelled"):
            request.action_cancel()

    # ---------------------------------------------------------------- delivery
    def test_service_start_and_delivery(self):
        with freeze_time("2025-06-12 09:00:00"):
            request = self.new_request(self.service_direct)
            self.advance(request, "verification")
            with self.assertRaisesText(UserError, "cannot be put in service"):
                request.action_start_service()
            request.action_approve()
            with self.assertRaisesText(UserError, "cannot be marked as delivered"):
                request.action_done()
        with freeze_time("2025-06-15 09:00:00"):
            request.action_start_service()
            self.assertEqual(request.state, "in_service")
            self.assertEqual(str(request.service_start_date), "2025-06-15")
            self.assertFalse(request.delivery_date)
        with freeze_time("2025-06-19 09:00:00"):
            request.with_user(self.researcher).action_done()
            self.assertEqual(request.state, "done")
            self.assertEqual(str(request.delivery_date), "2025-06-19")
            self.assertEqual(request.delivered_by_id, self.researcher)
            self.assertEqual(str(request.service_start_date), "2025-06-15")

    # ------------------------------------------------------------------ delete
    def test_submitted_request_cannot_be_deleted(self):
        draft = self.new_request()
        submitted = self.new_request()
        submitted.action_submit()
        with self.assertRaisesText(UserError, "never deleted"):
            submitted.unlink()
        self.assertTrue(submitted.exists())
        # A draft made by mistake: a manager deletes it, an officer may not.
        with self.assertRaisesText(UserError, "Only a manager deletes a draft"):
            draft.with_user(self.officer).unlink()
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    # ---------------------------------------------------------------- tracking
    def test_every_transition_is_tracked_with_its_user(self):
        request = self.new_request()
        self.flush_tracking()  # changes in the creating transaction are not tracked
        steps = (
            (self.officer, lambda r: r.action_submit()),
            (self.officer, lambda r: r.write({"data_checked": True}) and r.action_verify()),
            (self.officer, lambda r: r.action_send_to_research()),
            (
                self.researcher,
                lambda r: (
                    r.write({"research_report": "<p>تقرير</p>"}) and r.action_send_to_committee()
                ),
            ),
            (self.manager, lambda r: r.action_approve()),
            (self.officer, lambda r: r.action_start_service()),
            (self.researcher, lambda r: r.action_done()),
        )
        for user, step in steps:
            step(request.with_user(user))
            self.flush_tracking()
        self.assertEqual(
            self.tracked_states(request),
            [
                ("Submitted", self.officer.partner_id),
                ("Verified", self.officer.partner_id),
                ("Social Research", self.officer.partner_id),
                ("Committee", self.researcher.partner_id),
                ("Approved", self.manager.partner_id),
                ("In Service", self.officer.partner_id),
                ("Done", self.researcher.partner_id),
            ],
        )

    def test_rejection_and_cancellation_are_tracked(self):
        rejected = self.new_request(self.service_direct)
        self.flush_tracking()
        self.advance(rejected, "verification")
        self.flush_tracking()
        self.confirm_wizard(rejected.with_user(self.manager), "action_reject", reason="سبب")
        cancelled = self.new_request()
        self.flush_tracking()
        self.confirm_wizard(cancelled, "action_cancel", reason="سبب")
        self.assertEqual(self.tracked_states(rejected)[-1], ("Rejected", self.manager.partner_id))
        self.assertEqual(self.tracked_states(cancelled), [("Cancelled", self.officer.partner_id)])
        self.assertIn("سبب", self.tracked_values(rejected, "rejection_reason"))
