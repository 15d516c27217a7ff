/** @odoo-module **/

import { registry } from "@web/core/registry";

// A beneficiary follows a request on the portal, writes to the officer and corrects
// the district of their national address. Selectors use no visible text, so the tour
// runs in Arabic and in English.
registry.category("web_tour.tours").add("beneficiary_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open my support requests (the card appears once counted)",
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/requests']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the first request of the list",
            trigger: "tr.o_br_request_row a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The progress of the request is shown",
            trigger: ".o_br_timeline li[aria-current='step']",
        },
        {
            content: "Write to the officer",
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            run: "edit Portal tour message",
        },
        {
            content: "Send the message",
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The message is in the thread",
            trigger: "#chatterRoot:shadow .o-mail-Message:contains('Portal tour message')",
        },
        {
            content: "Back to the portal home",
            trigger: ".o_portal_submenu a[href='/my/home']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open my beneficiary file",
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/profile']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Correct the district",
            trigger: "input#br_district",
            run: "edit حي الملقا",
        },
        {
            content: "Save",
            trigger: "form[action='/my/profile'] button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The change is saved",
            trigger: ".alert-success[role=status]",
        },
    ],
});
