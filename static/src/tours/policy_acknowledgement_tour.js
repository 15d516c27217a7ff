/** @odoo-module **/

import { registry } from "@web/core/registry";

// P26: an employee sees in the top bar that the policy in force waits for their
// acknowledgement, opens it from there, acknowledges it, and the reminder goes away.
registry.category("web_tour.tours").add("policy_acknowledgement_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The top bar reminds the employee to acknowledge the policy",
            trigger: ".o_menu_systray .o_br_policy_ack_systray button",
            run: "click",
        },
        {
            content: "The acknowledgement form of the version in force opens",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=pending]",
        },
        {
            content: "Acknowledge it",
            trigger: ".o_form_view button[name=action_acknowledge]",
            run: "click",
        },
        {
            content: "It is acknowledged",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=acknowledged]",
        },
        {
            content: "The reminder is gone from the top bar",
            trigger: ".o_menu_systray:not(:has(.o_br_policy_ack_systray))",
        },
    ],
});
