/** @odoo-module **/

import { registry } from "@web/core/registry";

// A beneficiary asks for a copy of their data from the portal (PDPL). Selectors use no
// visible text, so the tour runs in Arabic and in English.
registry.category("web_tour.tours").add("beneficiary_data_request_portal_tour", {
    steps: () => [
        {
            content: "Make a request",
            trigger: "a[href='/my/data-requests/new']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Ask for a copy",
            trigger: "input#br_kind_copy",
            run: "click",
        },
        {
            content: "Say what for",
            trigger: "textarea#br_details",
            run: "edit Portal tour: a copy of my file, please.",
        },
        {
            content: "Send the request",
            trigger: "form[action='/my/data-requests/new'] button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request's page confirms it with its reference",
            trigger: ".alert-success bdi",
        },
        {
            content: "The details are there",
            trigger: "section p:contains('Portal tour: a copy of my file')",
        },
    ],
});
