from datetime import timedelta

from odoo.addons.beneficiary_relations.models.beneficiary_workflow_fields import trusted_write
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common_dashboard import DashboardCommon
from .common_rpc import JsonRpcMixin


@tagged("post_install", "-at_install", "beneficiary_dashboard")
class TestDashboard(JsonRpcMixin, DashboardCommon, HttpCase):
    """The managers' dashboard (issue 17): figures against the hand-counted history of
    ``DashboardCommon``, each figure opening its list, managers of the association only."""

    def dashboard(self, user=None):
        env = self.env(user=user or self.manager_c)
        data = env["beneficiary.dashboard"].get_dashboard()
        return {figure["key"]: figure for s in data["sections"] for figure in s["figures"]}

    def test_figures_against_the_hand_counted_history(self):
        figures = self.dashboard()
        value = {key: figure["value"] for key, figure in figures.items()}
        # Open: r1 submitted, r2 research, r3 approved, r6 in service.
        self.assertEqual(value["requests_by_state"], 4)
        by_state = {g["label"]: g["value"] for g in figures["requests_by_state"]["groups"]}
        self.assertEqual(
            by_state, {"Submitted": 1, "Social Research": 1, "Approved": 1, "In Service": 1}
        )
        by_branch = {g["label"]: g["value"] for g in figures["requests_by_branch"]["groups"]}
        self.assertEqual(by_branch, {"فرع الشمال": 2, "فرع الجنوب": 1, "None": 1})
        # r1: submitted 20 days ago on a 10-day clock.
        self.assertEqual(value["requests_overdue"], 1)
        # Decided: 10, 5, 30, 2, 3, 4, 6 days = 60 / 7 = 8.57; sorted 2 3 4 5 6 10 30,
        # 90th percentile at position 6 × 0.9 = 5.4: 10 + 0.4 × (30 − 10) = 18.
        self.assertEqual(value["days_to_decision_avg"], 8.6)
        self.assertEqual(value["days_to_decision_p90"], 18.0)
        # The stored approval rate's definition: approved r3, r5, r6 of the 6 approved or
        # rejected; the referral r7 is no judgement on the request (counting it as a
        # decision, as the dashboard once did, would give 3 of 7 = 42.9 %).
        self.assertEqual(value["approval_rate"], 50.0)
        average = self.env["beneficiary.support.request"]._read_group(
            [("company_id", "=", self.company_c.id)], [], ["approval_rate:avg"]
        )[0][0]
        self.assertEqual(value["approval_rate"], round(average, 1), "the pivot's figure")
        self.assertEqual(value["appeals_open"], 1)
        self.assertEqual(value["appeals_decided"], 2)
        self.assertEqual(value["appeals_overturned"], 1)
        # Answers 50 and 80 of three invitations.
        self.assertEqual(value["satisfaction_score"], 65.0)
        self.assertEqual(value["satisfaction_response_rate"], 66.7)
        self.assertEqual(value["complaints_open"], 2)
        self.assertEqual(value["files_review_due"], 2)
        self.assertEqual(value["inquiries_unanswered"], 1)
        # Version in force: 3 of 4 acknowledged (the superseded version's pending one aside).
        self.assertEqual(value["policy_acknowledgement_rate"], 75.0)
        self.assertEqual(value["breaches_open"], 2)
        # Data-subject requests: d1 received, d2 verified, d3 in progress (d4 answered and
        # d5 refused are closed); d1 and d3 were received over 30 days ago.
        self.assertEqual(value["data_requests_open"], 3)
        self.assertEqual(value["data_requests_overdue"], 2)

    def test_each_figure_opens_its_list(self):
        figures = self.dashboard()
        env = self.env(user=self.manager_c)
        expected_records = {
            "requests_overdue": self.requests["r1"],
            "complaints_open": self.suggestions[:2],
            "appeals_overturned": self.appeals["r9"],
            "approval_rate": self.requests["r3"]
            | self.requests["r4"]
            | self.requests["r5"]
            | self.requests["r6"]
            | self.requests["r8"]
            | self.requests["r9"],
            "breaches_open": self.breaches[:2],
            "inquiries_unanswered": self.leads[0],
            "data_requests_open": self.data_requests["d1"]
            | self.data_requests["d2"]
            | self.data_requests["d3"],
            "data_requests_overdue": self.data_requests["d1"] | self.data_requests["d3"],
        }
        for key, records in expected_records.items():
            action = figures[key]["action"]
            found = env[action["res_model"]].search(action["domain"])
            self.assertEqual(found, records.with_env(env), key)
        for key, figure in figures.items():
            action = figure["action"]
            count = env[action["res_model"]].search_count(action["domain"])
            if figure.get("groups") is not None or figure["unit"] not in ("%", "days"):
                self.assertEqual(count, figure["value"], key)
            for group in figure.get("groups", []):
                count = env[action["res_model"]].search_count(group["action"]["domain"])
                self.assertEqual(count, group["value"], (key, group["label"]))
        north = figures["requests_by_branch"]["groups"][0]["action"]
        self.assertEqual(
            env["beneficiary.support.request"].search(north["domain"]),
            (self.requests["r1"] | self.requests["r2"]).with_env(env),
        )

    def test_arabic_labels(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.manager_c.lang = "ar_001"
        env = self.env(user=self.manager_c, context={"lang": "ar_001"})
        data = env["beneficiary.dashboard"].get_dashboard()
        labels = [f["label"] for s in data["sections"] for f in s["figures"]]
        self.assertIn("نسبة الموافقة على الطلبات المبتوت فيها", labels)
        self.assertIn("الطلبات المتأخرة عن مهلة البت", labels)

    def test_only_managers_and_only_their_association(self):
        for user in (self.officer_c, self.researcher, self.committee):
            with self.assertRaises(AccessError):
                self.dashboard(user)
        # The main association's manager sees none of the third association's records.
        main = self.env(user=self.manager, context={"allowed_company_ids": self.company.ids})
        figures = {
            f["key"]: f["value"]
            for s in main["beneficiary.dashboard"].get_dashboard()["sections"]
            for f in s["figures"]
        }
        theirs = self.env["beneficiary.data.breach"].search_count(
            [
                ("company_id", "=", self.company.id),
                ("state", "in", ("open", "contained", "notified")),
            ]
        )
        self.assertEqual(figures["breaches_open"], theirs)
        self.assertEqual(
            figures["requests_overdue"], 0, "the main association's requests are cancelled"
        )

    def test_refused_over_rpc(self):
        self.refused("br_dash_officer", "beneficiary.dashboard", "get_dashboard", [])
        # Another association's figures: refused even to a manager.
        self.refused(
            "br_dash_manager",
            "beneficiary.dashboard",
            "get_dashboard",
            [],
            {"context": {"allowed_company_ids": self.company.ids}},
        )
        result = self.call("br_dash_manager", "beneficiary.dashboard", "get_dashboard", [])
        self.assertEqual(result["company"], self.company_c.name)
        figures = {f["key"]: f for s in result["sections"] for f in s["figures"]}
        self.assertEqual(figures["breaches_open"]["value"], 2)
        self.assertEqual(
            figures["requests_overdue"]["action"]["res_model"], "beneficiary.support.request"
        )

    def test_query_count_does_not_grow_with_requests(self):
        Dashboard = self.env(user=self.manager_c)["beneficiary.dashboard"]
        Dashboard.get_dashboard()  # caches warm
        self.env.invalidate_all()
        count = self.env.cr.sql_log_count
        Dashboard.get_dashboard()
        queries = self.env.cr.sql_log_count - count
        for i in range(20):
            file = self.create_beneficiary(company_id=self.company_c.id)
            branch = self.north if i % 2 else self.south
            self.make_request(file, "approved", branch, 12, 2, "approved")
            self.env["beneficiary.data.subject.request"].create(
                {
                    "company_id": self.company_c.id,
                    "kind": "copy",
                    "requester_name": file.name,
                    "beneficiary_id": file.id,
                }
            )
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(queries):
            figures = Dashboard.get_dashboard()
        values = {f["key"]: f["value"] for s in figures["sections"] for f in s["figures"]}
        self.assertEqual(values["requests_by_state"], 24)
        # 3 + 20 approved of 6 + 20 approved or rejected (the referral aside): 88.46 %.
        self.assertEqual(values["approval_rate"], 88.5)
        self.assertEqual(values["data_requests_open"], 23)
        self.assertEqual(values["data_requests_overdue"], 2)
        self.assertLess(queries, 20)

    def test_dashboard_screen_opens_the_lists(self):
        self.start_tour(
            "/odoo/action-beneficiary_relations.beneficiary_dashboard_action",
            "beneficiary_dashboard_tour",
            login="br_dash_manager",
        )

    def test_paused_clock_is_not_overdue(self):
        with trusted_write():
            self.env["beneficiary.support.request.pause"].create(
                {
                    "request_id": self.requests["r1"].id,
                    "start_date": self.today - timedelta(days=1),
                    "reason": "documents",
                }
            )
        self.assertEqual(self.dashboard()["requests_overdue"]["value"], 0)
