from odoo.tests import HttpCase, tagged

from .common_partner import PartnerCommon

RANKING_ACTION = "beneficiary_relations.beneficiary_partner_request_ranking_action"


@tagged("post_install", "-at_install")
class TestPartnerUi(HttpCase, PartnerCommon):
    """The Partnerships team's screens in the browser (P23)."""

    def test_decline_from_the_ranking(self):
        request = self.study(self.new_request(self.assoc_a), [4])
        self.start_tour(
            "/odoo/action-%s" % RANKING_ACTION,
            "partner_request_decline_tour",
            login=self.partnerships.login,
        )
        self.assertEqual(request.state, "declined")
        self.assertEqual(request.decline_reason, "اكتملت الطاقة الاستيعابية لهذا العام")
        self.assertTrue(
            request.message_ids.filtered(
                lambda m: m.message_type == "comment" and self.contact_a in m.partner_ids
            ),
            "the reason is sent to the association",
        )
