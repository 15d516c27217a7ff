/** @odoo-module **/

import { registry } from "@web/core/registry";

// The Partnerships team opens the priority ranking (P23), reads why a request ranks
// where it does, opens it and declines it with a reason sent to the association.
// Selectors use technical names only, so the tour runs in any language.
registry.category("web_tour.tours").add("partner_request_decline_tour", {
    steps: () => [
        {
            content: "The ranking shows the breakdown of each priority",
            trigger: ".o_list_view th[data-name=priority_explanation]",
        },
        {
            content: "Each part of the score is a column",
            trigger: ".o_list_view th[data-name=need_part]",
        },
        {
            content: "Open the test association's request",
            trigger: ".o_data_row td[name=partner_id]:contains(جمعية الاختبار أ)",
            run: "click",
        },
        {
            content: "Decline it",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_decline]",
            run: "click",
        },
        {
            content: "Give the reason sent to the association",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit اكتملت الطاقة الاستيعابية لهذا العام",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The reason is shown on the declined request",
            trigger:
                ".o_form_view .o_field_widget[name=decline_reason]:contains(اكتملت الطاقة الاستيعابية)",
        },
    ],
});
