/** @odoo-module **/

import { registry } from "@web/core/registry";

// A beneficiary appeals a refusal from the request's page (P29). Selectors use no
// visible text, so the tour runs in Arabic and in English.
registry.category("web_tour.tours").add("beneficiary_appeal_portal_tour", {
    steps: () => [
        {
            content: "Appeal this decision",
            trigger: "a.o_br_appeal_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Write the reasons",
            trigger: "textarea#br_appeal_reasons",
            run: "edit Portal tour appeal: I now have the qualification certificate.",
        },
        {
            content: "Send the appeal",
            trigger: "form.o_br_appeal_submit button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The appeal's page shows its state",
            trigger: ".o_br_appeal .o_br_appeal_state",
        },
        {
            content: "The reasons are there",
            trigger: ".o_br_appeal p:contains('Portal tour appeal')",
        },
    ],
});
