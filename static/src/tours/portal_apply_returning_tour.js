/** @odoo-module **/

import { registry } from "@web/core/registry";
import { signAndSendSteps } from "@beneficiary_relations/tours/portal_apply_steps";

// A beneficiary with an account applies for another service from /my (P5): the form is
// filled from their file, they change only their mobile and say what they need, sign and
// send, then find the new request in their requests. Selectors use no visible text but
// the service's name, so the tour runs in Arabic and in English.
registry.category("web_tour.tours").add("portal_apply_returning_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Apply for a service, from the portal's home",
            trigger: ".o_portal_index_card:not(.d-none) a[href$='/beneficiary/apply']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Choose the service",
            trigger: ".o_beneficiary_apply_service:contains(خدمة المتقدم العائد) a.btn-primary",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The ID number comes from the file",
            trigger: "input#apply_national_id[value='1077770319']",
        },
        {
            content: "So does the name",
            trigger: "input#apply_family_name[value='الشهري']",
        },
        {
            content: "So does the national address",
            trigger: "input#apply_building_number[value='4321']",
        },
        {
            content: "Only the mobile changed",
            trigger: "#apply_mobile",
            run: "edit 0559876543",
        },
        {
            content: "What is needed this time",
            trigger: "#apply_description",
            run: "edit Returning tour: training for my new job",
        },
        ...signAndSendSteps({ expectUnloadPage: true }),
        {
            content: "The application is received: go to my requests",
            trigger: ".o_beneficiary_apply_thanks a.o_beneficiary_apply_my_requests",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The new request is in the list",
            trigger: "tr.o_br_request_row:contains(خدمة المتقدم العائد)",
        },
    ],
});
