from unittest.mock import patch

from odoo import Command
from odoo.addons.sms.models.sms_sms import SmsSms
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .test_satisfaction import SatisfactionCommon

ACCESS_ERROR = "odoo.exceptions.AccessError"
REPORT = "beneficiary.satisfaction.report"
AVG = ["satisfaction_score:avg", "score_sum:sum", "answered_count:sum"]


class RoleBoundariesCommon(SatisfactionCommon):
    """A beneficiary's complaint, a partnerships member's own suggestion, and two services
    whose satisfaction was measured on three and on five answers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer.groups_id = [Command.link(cls.env.ref("survey.group_survey_user").id)]
        cls.manager.groups_id = [Command.link(cls.env.ref("survey.group_survey_manager").id)]
        beneficiary = cls.new_beneficiary()
        cls.complaint = cls.file_suggestion(
            cls.env, beneficiary.partner_id, kind="complaint", name="تأخر صرف المساعدة"
        )
        cls.beneficiary_suggestion = cls.file_suggestion(
            cls.env, beneficiary.partner_id, name="مواعيد الاستقبال"
        )
        association = cls.env["res.partner"].create(
            {"name": "جمعية شريكة", "is_company": True, "email": "assoc@example.com"}
        )
        # Filed by the partnerships member (they cannot create one through the ORM today:
        # message_subscribe needs write access; staff may log one for them).
        cls.own_suggestion = cls.file_suggestion(cls.env, association, name="تنسيق الزيارات")
        cls.env.cr.execute(
            "UPDATE beneficiary_suggestion SET create_uid = %s WHERE id = %s",
            (cls.partnerships.id, cls.own_suggestion.id),
        )
        cls.own_suggestion.invalidate_recordset(["create_uid"])
        # Satisfaction measured on 3 answers (hidden from officers) and on 5 (shown).
        cls.service_small = cls.create_service(
            name="Small Service", requires_research=False, requires_committee=False
        )
        cls.service_large = cls.create_service(
            name="Large Service", requires_research=False, requires_committee=False
        )
        small = [cls.delivered_request(service=cls.service_small) for _i in range(3)]
        large = [cls.delivered_request(service=cls.service_large) for _i in range(5)]
        for request in small:
            cls.answer(request, (5, 5, 5, 5, 5))  # 100 %
        for request in large:
            cls.answer(request, (3, 3, 3, 3, 3), recommend="1")  # 50 %
        cls.answered_request = small[0]
        cls.user_input = small[0].sudo().satisfaction_input_id

    @classmethod
    def file_suggestion(cls, env, partner, **values):
        with patch.object(SmsSms, "_send", autospec=True):
            return env["beneficiary.suggestion"].create(
                {
                    "name": "x",
                    "description": "نص الرسالة",
                    "partner_id": partner.id,
                    "channel_id": cls.channel_interview.id,
                    **values,
                }
            )


@tagged("post_install", "-at_install")
class TestRoleBoundariesSatisfactionOrm(RoleBoundariesCommon):
    """The same boundaries through the ORM, as server code acting for the user."""

    def test_complaints_hidden_from_partnerships_and_committee(self):
        beneficiaries = self.complaint | self.beneficiary_suggestion
        for user in (self.partnerships, self.committee):
            Suggestion = self.env["beneficiary.suggestion"].with_user(user)
            self.assertFalse(Suggestion.search([("id", "in", beneficiaries.ids)]))
            self.assertFalse(Suggestion.search_count([("kind", "=", "complaint")]))
            for record in beneficiaries:
                with self.assertRaises(AccessError):
                    record.with_user(user).read(["description"])
            groups = Suggestion._read_group([("kind", "=", "complaint")], [], ["__count"])
            self.assertEqual(groups, [(0,)])
        # Partnerships still read the suggestion they filed; committee members do not.
        Partnerships = self.env["beneficiary.suggestion"].with_user(self.partnerships)
        self.assertEqual(Partnerships.search([]), self.own_suggestion)
        self.assertEqual(self.own_suggestion.with_user(self.partnerships).name, "تنسيق الزيارات")
        with self.assertRaises(AccessError):
            self.own_suggestion.with_user(self.committee).read(["name"])
        # Officers deal with all of them.
        Officer = self.env["beneficiary.suggestion"].with_user(self.officer)
        all_three = beneficiaries | self.own_suggestion
        self.assertEqual(Officer.search([("id", "in", all_three.ids)]), all_three)

    def test_answers_and_personal_links_hidden_from_staff(self):
        answer = self.user_input
        # Officers, survey users, read no answer, line or score.
        UserInput = self.env["survey.user_input"].with_user(self.officer)
        self.assertFalse(UserInput.search([("id", "=", answer.id)]))
        with self.assertRaises(AccessError):
            answer.with_user(self.officer).read(["scoring_percentage"])
        Line = self.env["survey.user_input.line"].with_user(self.officer)
        self.assertFalse(Line.search_count([("user_input_id", "=", answer.id)]))
        with self.assertRaises(AccessError):
            answer.user_input_line_ids[:1].with_user(self.officer).read(["value_char_box"])
        with self.assertRaises(AccessError):
            self.answered_request.with_user(self.officer).read(["satisfaction_input_id"])
        # The invitation that carries the link is no message the officer can search.
        token = answer.access_token
        Message = self.env["mail.message"].with_user(self.officer)
        self.assertFalse(Message.search([("body", "ilike", token)]))
        # Managers, even survey managers, read the answers but never the personal link.
        as_manager = answer.with_user(self.manager)
        self.assertEqual(as_manager.read(["partner_id"])[0]["id"], answer.id)
        with self.assertRaises(AccessError):
            as_manager.read(["access_token"])
        self.assertNotIn("access_token", as_manager.read()[0])
        Manager = self.env["survey.user_input"].with_user(self.manager)
        with self.assertRaises(AccessError):
            Manager.search([("access_token", "=like", token[:1] + "%")])
        with self.assertRaises(AccessError):
            Manager._read_group([("id", "=", answer.id)], ["access_token"], ["__count"])
        with self.assertRaises(AccessError):
            as_manager.export_data(["partner_id", "access_token"])
        with self.assertRaises(AccessError):
            self.answered_request.with_user(self.manager).export_data(
                ["satisfaction_input_id/access_token"]
            )
        # The beneficiary's messages still carry their link (built by the server).
        self.assertIn(token, self.answered_request._satisfaction_url())

    def test_answers_not_linked_to_requests_by_staff(self):
        """Nobody but the invitation links an answer to a request (it would be scored)."""
        own = self.survey.with_user(self.manager)._create_answer(user=self.manager)
        with self.assertRaises(AccessError):
            own.write({"support_request_id": self.answered_request.id})
        with self.assertRaises(AccessError):
            self.env["survey.user_input"].with_user(self.manager).create(
                {"survey_id": self.survey.id, "support_request_id": self.answered_request.id}
            )
        self.assertFalse(own.support_request_id)

    def test_small_group_average_hidden_from_officers(self):
        Report = self.env[REPORT].with_user(self.officer)
        small = [("service_id", "=", self.service_small.id)]
        large = [("service_id", "=", self.service_large.id)]
        [[score, score_sum, answered]] = Report._read_group(small, [], AVG)
        self.assertEqual((score, score_sum, answered), (False, False, 3))
        [[score, score_sum, answered]] = Report._read_group(large, [], AVG)
        self.assertEqual((float(score), float(score_sum), answered), (50.0, 250.0, 5))
        rows = Report.search_read(small, ["satisfaction_score", "score_sum", "answered_count"])
        self.assertTrue(rows)
        self.assertFalse(any(row["satisfaction_score"] or row["score_sum"] for row in rows))
        # No filter narrows the hidden average down: it filters as an empty value.
        self.assertFalse(Report.search(small + [("satisfaction_score", ">=", 50)]))
        self.assertFalse(Report.search(small + [("score_sum", ">", 0)]))
        # Managers see every average (P28).
        Manager = self.env[REPORT].with_user(self.manager)
        [[score, _sum, answered]] = Manager._read_group(small, [], AVG)
        self.assertEqual((float(score), answered), (100.0, 3))
        self.assertTrue(Manager.search(small + [("satisfaction_score", ">=", 50)]))


@tagged("post_install", "-at_install")
class TestRoleBoundariesSatisfactionRpc(HttpCase, RoleBoundariesCommon):
    """The same boundaries attacked over JSON-RPC, as a client of each role would."""

    def call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw/%s/%s" % (model, method),
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def assertRpcDenied(self, model, method, args, kwargs=None):
        with self.assertRaises(JsonRpcException) as caught:
            self.call_kw(model, method, args, kwargs)
        self.assertEqual(str(caught.exception), ACCESS_ERROR)

    def test_rpc_complaints_hidden_from_partnerships_and_committee(self):
        Suggestion = "beneficiary.suggestion"
        ids = (self.complaint | self.beneficiary_suggestion).ids
        for login, own in (
            ("br_partnerships", self.own_suggestion.ids),
            ("br_committee", []),
        ):
            self.authenticate(login, login)
            found = self.call_kw(Suggestion, "search_read", [[]], {"fields": ["name"]})
            self.assertEqual([row["id"] for row in found], own)
            self.assertRpcDenied(Suggestion, "read", [ids, ["description", "partner_id"]])
            self.assertRpcDenied(Suggestion, "web_read", [ids], {"specification": {"name": {}}})
            groups = self.call_kw(
                Suggestion,
                "web_read_group",
                [[("kind", "=", "complaint")], [], ["kind"]],
            )
            self.assertEqual(groups["length"], 0)
            self.assertTrue(self.complaint.message_ids)
            self.assertRpcDenied("mail.message", "read", [self.complaint.message_ids.ids])

    def test_rpc_answers_and_personal_links_hidden(self):
        answer = self.user_input
        self.authenticate("br_officer", "br_officer")
        found = self.call_kw("survey.user_input", "search_read", [[]], {"fields": ["id"]})
        self.assertNotIn(answer.id, [row["id"] for row in found])
        self.assertRpcDenied("survey.user_input", "read", [answer.ids, ["partner_id"]])
        self.assertRpcDenied(
            "survey.user_input.line", "read", [answer.user_input_line_ids.ids, ["display_name"]]
        )
        self.assertRpcDenied(
            "beneficiary.support.request",
            "read",
            [self.answered_request.ids, ["satisfaction_input_id", "satisfaction_score"]],
        )
        self.authenticate("br_manager", "br_manager")
        rows = self.call_kw(
            "survey.user_input", "web_read", [answer.ids], {"specification": {"partner_id": {}}}
        )
        self.assertEqual(rows[0]["id"], answer.id)
        self.assertRpcDenied("survey.user_input", "read", [answer.ids, ["access_token"]])
        self.assertRpcDenied(
            "survey.user_input",
            "web_search_read",
            [[("id", "=", answer.id)]],
            {"specification": {"access_token": {}}},
        )
        self.assertRpcDenied(
            "survey.user_input",
            "search_count",
            [[("access_token", "=like", answer.access_token[:1] + "%")]],
        )
        self.assertRpcDenied(
            "survey.user_input",
            "web_read_group",
            [[("id", "=", answer.id)], ["access_token"], ["access_token"]],
        )
        rows = self.call_kw("survey.user_input", "read", [answer.ids])
        self.assertNotIn("access_token", rows[0])
        own = self.call_kw("survey.user_input", "create", [{"survey_id": self.survey.id}])
        self.assertRpcDenied(
            "survey.user_input",
            "write",
            [[own], {"support_request_id": self.answered_request.id}],
        )

    def test_rpc_small_group_average_hidden_from_officers(self):
        small = [("service_id", "=", self.service_small.id)]
        large = [("service_id", "=", self.service_large.id)]
        fields = ["satisfaction_score:avg", "score_sum:sum", "answered_count:sum"]
        self.authenticate("br_officer", "br_officer")
        [group] = self.call_kw(REPORT, "read_group", [small, fields, []], {"lazy": False})
        self.assertFalse(group["satisfaction_score"])
        self.assertFalse(group["score_sum"])
        self.assertEqual(group["answered_count"], 3)
        web = self.call_kw(REPORT, "web_read_group", [small, fields, ["service_id"]])
        self.assertEqual(web["length"], 1)
        self.assertFalse(web["groups"][0]["satisfaction_score"])
        rows = self.call_kw(
            REPORT, "search_read", [small], {"fields": ["satisfaction_score", "score_sum"]}
        )
        self.assertTrue(rows)
        self.assertFalse(any(row["satisfaction_score"] or row["score_sum"] for row in rows))
        above_half = small + [("satisfaction_score", ">=", 50)]
        self.assertEqual(self.call_kw(REPORT, "search_count", [above_half]), 0)
        [group] = self.call_kw(REPORT, "read_group", [large, fields, []], {"lazy": False})
        self.assertEqual(group["satisfaction_score"], 50.0)
        self.authenticate("br_manager", "br_manager")
        [group] = self.call_kw(REPORT, "read_group", [small, fields, []], {"lazy": False})
        self.assertEqual(group["satisfaction_score"], 100.0)
        self.assertTrue(self.call_kw(REPORT, "search_count", [above_half]))
