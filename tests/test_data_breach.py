import logging
from datetime import timedelta
from unittest.mock import patch

from lxml import etree

from odoo import Command, fields
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.sms.models.sms_sms import SmsSms
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import GROUP_MANAGER, GROUP_OFFICER, BeneficiaryCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestDataBreach(BeneficiaryCommon):
    """The PDPL breach register: SDAIA within 72 hours, the affected people told."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Breach = cls.env["beneficiary.data.breach"]
        cls.reminder_type = cls.env.ref(
            "beneficiary_relations.mail_activity_type_data_breach_sdaia_reminder"
        )
        cls.overdue_type = cls.env.ref(
            "beneficiary_relations.mail_activity_type_data_breach_sdaia_overdue"
        )
        cls.manager_b = mail_new_test_user(
            cls.env,
            login="br_manager_b",
            groups=GROUP_MANAGER,
            name="مدير الجمعية الثانية",
            email="br_manager_b@example.com",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.company.write({"phone": "+966 11 222 3333", "email": "info@example.org"})

    def report(self, user=None, **values):
        env = self.env(user=user) if user else self.env
        return env["beneficiary.data.breach"].create(
            {
                "title": "سرقة حاسوب محمول يحتوي ملفات المستفيدين",
                "description": "سُرق حاسوب الاستقبال من السيارة وفيه كشف بأسماء المستفيدين.",
                "cause": "device",
                "data_identity": True,
                "data_contact": True,
                **values,
            }
        )

    def activities(self, breaches, activity_type):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "beneficiary.data.breach"),
                ("res_id", "in", breaches.ids),
                ("activity_type_id", "in", activity_type.ids),
            ]
        )

    def company_managers(self, company):
        return self.Breach._company_managers(company)[company.id]

    # ----------------------------------------------------------------- the clock
    def test_sdaia_deadline_is_72_hours_after_discovery(self):
        discovered = fields.Datetime.now().replace(microsecond=0) - timedelta(hours=10)
        breach = self.report(discovered_on=discovered)
        self.assertRegex(breach.name, r"^BRC/\d{4}/\d{4}$")
        self.assertEqual(breach.state, "open")
        self.assertEqual(breach.reported_by_id, self.env.user)
        self.assertEqual(breach.sdaia_deadline, discovered + timedelta(hours=72))
        self.assertAlmostEqual(breach.hours_left, 62, delta=0.1)
        self.assertTrue(breach.sdaia_deadline_hijri)
        # Moving the discovery moves the deadline; no clock once SDAIA is notified.
        breach.discovered_on = discovered - timedelta(hours=20)
        self.assertEqual(breach.sdaia_deadline, discovered + timedelta(hours=52))
        breach.write({"sdaia_reference": "SDAIA-2024-118"})
        breach.action_sdaia_notified()
        self.assertEqual(breach.state, "notified")
        self.assertTrue(breach.sdaia_notified_on)
        self.assertEqual(breach.hours_left, 0)
        # Health data makes the breach sensitive.
        self.assertFalse(breach.sensitive_data)
        breach.data_health = True
        self.assertTrue(breach.sensitive_data)

    def test_notified_before_discovery_refused_nothing_lost(self):
        discovered = fields.Datetime.now().replace(microsecond=0) - timedelta(hours=5)
        breach = self.report(discovered_on=discovered, containment_measures="تغيير كلمات المرور")
        with self.assertRaisesText(ValidationError, "cannot be before the breach was discovered"):
            breach.write(
                {
                    "sdaia_notified_on": discovered - timedelta(hours=1),
                    "sdaia_reference": "SDAIA-1",
                }
            )
        self.env.invalidate_all()
        self.assertFalse(breach.sdaia_notified_on)
        self.assertEqual(breach.title, "سرقة حاسوب محمول يحتوي ملفات المستفيدين")
        self.assertEqual(breach.containment_measures, "تغيير كلمات المرور")
        with self.assertRaisesText(ValidationError, "cannot be in the future"):
            breach.discovered_on = fields.Datetime.now() + timedelta(days=1)
        with self.assertRaisesText(UserError, "reference SDAIA gave"):
            breach.action_sdaia_notified()
        self.assertEqual(breach.state, "open")

    # ------------------------------------------------------------ the workflow
    def test_state_guards_and_closing_rules(self):
        breach = self.report(risk_level="medium")
        with self.assertRaisesText(UserError, r"cannot be closed in state Open"):
            breach.action_close()
        with self.assertRaisesText(UserError, "Describe the containment measures"):
            breach.action_contain()
        breach.containment_measures = "إيقاف الحساب المخترق وتغيير كلمات المرور"
        breach.action_contain()
        self.assertEqual(breach.state, "contained")
        with self.assertRaisesText(UserError, r"cannot be marked contained in state Contained"):
            breach.action_contain()
        # Neither SDAIA notified nor a decision that it is not notifiable.
        with self.assertRaisesText(UserError, "cannot be closed before SDAIA is notified"):
            breach.action_close()
        # Only a low-risk breach can be "not notifiable", and only with a reason.
        with self.assertRaisesText(ValidationError, "only a low-risk breach"):
            breach.write({"not_notifiable": True, "not_notifiable_reason": "بيانات مشفرة"})
        with self.assertRaisesText(ValidationError, "give the reason"):
            breach.write({"not_notifiable": True, "risk_level": "low"})
        breach.write(
            {
                "not_notifiable": True,
                "risk_level": "low",
                "not_notifiable_reason": "الجهاز مشفر بالكامل ولم يُطّلع على البيانات",
            }
        )
        breach.action_close()
        self.assertEqual(breach.state, "closed")
        self.assertTrue(breach.closed_on)
        breach.action_reopen()
        self.assertEqual(breach.state, "contained")

    def test_harm_likely_needs_the_affected_people_told(self):
        beneficiary = self.create_beneficiary(
            documents=False, declaration=False, consent=False, email="b1@example.com"
        )
        breach = self.report(
            harm_likely=True,
            risk_level="high",
            beneficiary_ids=[Command.set(beneficiary.ids)],
            containment_measures="استعادة الملف من المستلم الخطأ",
        )
        breach.action_contain()
        breach.write({"sdaia_reference": "SDAIA-77"})
        breach.action_sdaia_notified()
        with self.assertRaisesText(UserError, "notify them first"):
            breach.action_close()
        self.assertEqual(breach.state, "notified")
        with self.assertRaisesText(UserError, "write the notice"):
            breach.action_notify_subjects()
        breach.subject_notice = "أُرسل كشف يحتوي اسمك ورقم جوالك إلى جهة غير مختصة وتمت استعادته."
        breach.action_notify_subjects()
        self.assertTrue(breach.subjects_notified_on)
        breach.action_close()
        self.assertEqual(breach.state, "closed")
        # A handled breach stays in the register.
        with self.assertRaisesText(UserError, "cannot be deleted once it is handled"):
            breach.unlink()
        self.assertTrue(breach.exists())

    # ------------------------------------------------------------------ access
    def test_officer_reports_and_sees_only_their_own(self):
        mine = self.report(user=self.officer).with_env(self.env)
        self.assertEqual(mine.reported_by_id, self.officer)
        self.assertEqual(mine.state, "open")
        others = self.report(user=self.manager) | self.report(user=self.researcher)
        Breach = self.Breach.with_user(self.officer)
        self.assertEqual(Breach.search([]), mine)
        with self.assertRaises(AccessError):
            others[0].with_user(self.officer).read(["title"])
        with self.assertRaisesText(AccessError, "can set these fields"):
            self.report(user=self.officer, sdaia_reference="X", state="open")
        with self.assertRaisesText(AccessError, "for someone else"):
            self.report(user=self.officer, reported_by_id=self.researcher.id)
        # The reporter completes their report while it is open...
        mine.with_user(self.officer).write({"estimated_count": 40, "data_health": True})
        self.assertTrue(mine.sensitive_data)
        # ...but only managers handle it.
        mine.containment_measures = "قفل الحساب"
        with self.assertRaisesText(AccessError, "Only beneficiary relations managers"):
            mine.with_user(self.officer).action_contain()
        mine.action_contain()
        with self.assertRaises(AccessError):
            mine.with_user(self.officer).action_close()
        with self.assertRaisesText(AccessError, "can change these fields"):
            mine.with_user(self.officer).write({"state": "closed"})
        with self.assertRaisesText(AccessError, "can no longer be changed by its reporter"):
            mine.with_user(self.officer).write({"title": "عنوان آخر"})
        with self.assertRaises(AccessError):
            mine.with_user(self.officer).unlink()
        # The reporter still adds what they learn in the discussion.
        mine.with_user(self.officer).message_post(
            body="وُجد الحاسوب في مكتب آخر", message_type="comment"
        )
        self.assertEqual(mine.state, "contained")
        # Staff outside the registry (partnerships, committee) can report too.
        theirs = self.report(user=self.partnerships, data_financial=True).with_env(self.env)
        self.assertEqual(self.Breach.with_user(self.partnerships).search([]), theirs)
        # The managers see them all and follow them from the start.
        self.assertEqual(
            self.Breach.with_user(self.manager).search([("id", "in", (mine | theirs).ids)]),
            mine | theirs,
        )
        self.assertIn(self.manager.partner_id, theirs.message_partner_ids)

    def test_form_opens_for_every_role(self):
        """What the web client reads to show the form, for each role on its own report."""
        for user in (self.officer, self.committee, self.partnerships, self.manager):
            with self.subTest(user=user.login):
                breach = self.report(user=user)
                Breach = self.Breach.with_user(user)
                arch = Breach.get_views([(False, "form")])["views"]["form"]["arch"]
                tree = etree.fromstring(arch)
                names = {
                    node.get("name") for node in tree.xpath("//form//field[not(ancestor::list)]")
                }
                spec = {
                    name: {"fields": {"display_name": {}}}
                    if Breach._fields[name].type in ("many2one", "many2many", "one2many")
                    else {}
                    for name in names
                }
                [values] = breach.web_read(spec)
                self.assertEqual(values["title"], breach.title)
                # Only the managers see the SDAIA part and the notice; the registry's
                # users the affected beneficiaries.
                manager = user == self.manager
                self.assertEqual("sdaia_reference" in names, manager)
                self.assertEqual("subject_notice" in names, manager)
                self.assertEqual("beneficiary_ids" in names, user.has_group(GROUP_OFFICER))
                buttons = {node.get("name") for node in tree.xpath("//header/button")}
                self.assertEqual(bool(buttons), manager)

    def test_manager_of_another_company_cannot_see(self):
        breach = self.report(user=self.manager)
        self.assertFalse(self.Breach.with_user(self.manager_b).search([("id", "=", breach.id)]))
        with self.assertRaises(AccessError):
            breach.with_user(self.manager_b).read(["title"])
        theirs = self.Breach.with_user(self.manager_b).create(
            {
                "title": "بريد مرسل خطأ",
                "description": "كشف أرسل لجهة خطأ",
                "cause": "wrong_recipient",
            }
        )
        self.assertEqual(theirs.company_id, self.company_b)
        self.assertFalse(self.Breach.with_user(self.manager).search([("id", "=", theirs.id)]))

    def test_manager_deletes_only_open_breaches(self):
        breach = self.report(user=self.officer)
        breach.with_user(self.manager).unlink()
        self.assertFalse(breach.exists())

    # ----------------------------------------------------------- the hourly job
    def test_job_reminds_at_48_hours_once_then_marks_overdue(self):
        now = fields.Datetime.now()
        breach = self.report(discovered_on=now)
        managers = self.company_managers(self.company)
        self.assertIn(self.manager, managers)
        self.assertNotIn(self.manager_b, managers)
        with freeze_time(now + timedelta(hours=47)):
            self.Breach._cron_sdaia_clock()
        self.assertFalse(self.activities(breach, self.reminder_type))
        with freeze_time(now + timedelta(hours=49)):
            self.Breach._cron_sdaia_clock()
            self.Breach._cron_sdaia_clock()
        reminders = self.activities(breach, self.reminder_type)
        self.assertEqual(reminders.user_id, managers)
        self.assertEqual(len(reminders), len(managers), "one reminder per manager, once")
        self.assertFalse(breach.is_sdaia_overdue)
        with freeze_time(now + timedelta(hours=73)):
            self.Breach._cron_sdaia_clock()
            self.Breach._cron_sdaia_clock()
            self.assertLess(breach.hours_left, 0)
        self.assertTrue(breach.is_sdaia_overdue)
        self.assertTrue(
            self.Breach.search([("is_sdaia_overdue", "=", True), ("id", "=", breach.id)])
        )
        overdue = self.activities(breach, self.overdue_type)
        self.assertEqual(overdue.user_id, managers)
        self.assertEqual(len(overdue), len(managers))
        self.assertEqual(len(self.activities(breach, self.reminder_type)), len(managers))
        # A corrected discovery date withdraws the warnings that no longer hold.
        with freeze_time(now + timedelta(hours=73)):
            breach.discovered_on = now + timedelta(hours=10)
            self.assertFalse(breach.is_sdaia_overdue)
            self.assertFalse(self.activities(breach, self.overdue_type))
            self.Breach._cron_sdaia_clock()
            self.assertEqual(len(self.activities(breach, self.reminder_type)), len(managers))
            self.assertFalse(self.activities(breach, self.overdue_type))
            # Notifying SDAIA closes the clock's activities.
            breach.write({"sdaia_reference": "SDAIA-LATE-1"})
            breach.action_sdaia_notified()
            self.assertFalse(self.activities(breach, self.reminder_type | self.overdue_type))

    def test_job_skips_notified_and_not_notifiable(self):
        now = fields.Datetime.now()
        notified = self.report(discovered_on=now - timedelta(hours=80))
        notified.write({"sdaia_reference": "SDAIA-9"})
        notified.action_sdaia_notified()
        decided = self.report(
            discovered_on=now - timedelta(hours=80),
            risk_level="low",
            not_notifiable=True,
            not_notifiable_reason="بيانات عامة منشورة مسبقاً",
        )
        self.Breach._cron_sdaia_clock()
        self.assertFalse((notified | decided).filtered("is_sdaia_overdue"))
        self.assertFalse(
            self.activities(notified | decided, self.reminder_type | self.overdue_type)
        )

    def create_due(self, count, hours=50):
        discovered = fields.Datetime.now() - timedelta(hours=hours)
        return self.Breach.create(
            [
                {
                    "title": "تسرب %s" % i,
                    "description": "وصف",
                    "discovered_on": discovered,
                    "company_id": (self.company if i % 2 else self.company_b).id,
                }
                for i in range(count)
            ]
        )

    def test_job_batches_and_reports_progress(self):
        due = self.create_due(3, hours=80) | self.create_due(2, hours=50)
        cron = self.env.ref("beneficiary_relations.ir_cron_beneficiary_data_breach_clock")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Breach = self.Breach.with_context(ir_cron_progress_id=progress.id)
        self.assertEqual(Breach._cron_sdaia_clock(batch_size=2), 3)
        self.assertEqual(progress.remaining, 3)
        self.assertEqual(progress.done, 2)
        self.assertEqual(Breach._cron_sdaia_clock(batch_size=2), 1)
        self.assertEqual(Breach._cron_sdaia_clock(batch_size=2), 0)
        self.assertEqual(len(due.filtered("is_sdaia_overdue")), 3)
        self.assertTrue(all(due.mapped("sdaia_reminder_sent")))
        # Company B's breaches go to company B's managers.
        company_b_activities = self.activities(
            due.filtered(lambda b: b.company_id == self.company_b),
            self.reminder_type | self.overdue_type,
        )
        self.assertEqual(company_b_activities.user_id, self.manager_b)

    def test_job_queries_do_not_grow_with_breaches(self):
        self.create_due(2)
        self.Breach._cron_sdaia_clock()

        def count_queries(count):
            due = self.create_due(count, hours=49) | self.create_due(count, hours=75)
            self.env.flush_all()
            self.env.cr.flush()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.Breach._cron_sdaia_clock()
            self.env.flush_all()
            self.env.cr.flush()
            queries = self.cr.sql_log_count - before
            self.assertEqual(len(due.filtered("sdaia_reminder_sent")), 2 * count)
            return queries

        queries_5 = count_queries(5)
        queries_40 = count_queries(40)
        _logger.info(
            "Data breach clock queries: %s for 10 breaches, %s for 80", queries_5, queries_40
        )
        self.assertLessEqual(
            abs(queries_40 - queries_5),
            3,
            "queries: %s for 10, %s for 80" % (queries_5, queries_40),
        )

    # --------------------------------------------------------- affected people
    def affected(self, count, **values):
        return self.env["beneficiary.beneficiary"].concat(
            *(
                self.create_beneficiary(
                    documents=False,
                    declaration=False,
                    consent=False,
                    email="affected%s_%s@example.com" % (count, i),
                    **{"preferred_channel": "email", **values},
                )
                for i in range(count)
            )
        )

    def notify(self, beneficiaries):
        breach = self.report(
            beneficiary_ids=[Command.set(beneficiaries.ids)],
            harm_likely=True,
            subject_notice="سُرق حاسوب يحتوي اسمك ورقم جوالك. احذر من الرسائل التي تطلب بياناتك.",
        )
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        with patch.object(SmsSms, "_send", autospec=True):
            breach.action_notify_subjects()
        self.env.flush_all()
        self.env.cr.flush()
        return breach, self.cr.sql_log_count - before

    def test_notify_affected_people_one_message_each(self):
        self.notify(self.affected(1))  # warm the caches (templates, layout)
        small, queries_2 = self.notify(self.affected(2))
        beneficiaries = self.affected(10)
        large, queries_10 = self.notify(beneficiaries)
        _logger.info("Notify affected people: %s queries for 2, %s for 10", queries_2, queries_10)
        self.assertLessEqual(
            abs(queries_10 - queries_2), 2, "queries: %s for 2, %s for 10" % (queries_2, queries_10)
        )
        self.assertTrue(large.subjects_notified_on)
        # One email notification per affected person, in one message.
        notifications = self.env["mail.notification"].search(
            [
                ("mail_message_id.model", "=", large._name),
                ("mail_message_id.res_id", "=", large.id),
                ("notification_type", "=", "email"),
            ]
        )
        self.assertEqual(len(notifications.mail_message_id), 1)
        self.assertEqual(
            sorted(notifications.res_partner_id.ids), sorted(beneficiaries.partner_id.ids)
        )
        message = notifications.mail_message_id
        self.assertIn(large.name, str(message.body))
        self.assertIn("احذر من الرسائل", str(message.body))
        mails = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(sorted(mails.recipient_ids.ids), sorted(beneficiaries.partner_id.ids))
        # The summary in the chatter.
        self.flush_tracking()
        notes = large.message_ids.filtered(lambda m: "10 by email" in str(m.body))
        self.assertEqual(len(notes), 1)
        self.assertEqual(len(small.message_ids.filtered(lambda m: "2 by email" in str(m.body))), 1)
        # Each beneficiary's file keeps the trace.
        for beneficiary in beneficiaries:
            self.assertIn(large.name, str(beneficiary.message_ids[0].body))

    def test_notify_by_sms_and_unreachable(self):
        by_sms = self.affected(1, preferred_channel="sms")
        unreachable = self.create_beneficiary(
            documents=False, declaration=False, consent=False, mobile=False, phone=False
        )
        breach, _queries = self.notify(by_sms | unreachable)
        sms = self.env["sms.sms"].search([("partner_id", "=", by_sms.partner_id.id)])
        self.assertEqual(len(sms), 1)
        self.assertIn(breach.name, sms.body)
        self.flush_tracking()
        summary = breach.message_ids.filtered(lambda m: "1 by SMS" in str(m.body))
        self.assertEqual(len(summary), 1)
        self.assertIn(unreachable.name, str(summary.body))
        with self.assertRaisesText(UserError, "add the affected beneficiaries"):
            self.report().action_notify_subjects()
