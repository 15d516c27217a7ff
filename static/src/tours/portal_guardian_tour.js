/** @odoo-module **/

import { registry } from "@web/core/registry";

// A guardian follows on the portal the request of the person they represent (P32) and
// writes to the officer about it. Selectors use no visible text (Arabic and English).
registry.category("web_tour.tours").add("portal_guardian_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the support requests (the represented person's are counted)",
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/requests']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request says on whose behalf it is",
            trigger: "tr.o_br_request_row .o_br_request_for",
        },
        {
            content: "Open it",
            trigger: "tr.o_br_request_row a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request page names the represented person",
            trigger: "dd.o_br_request_for",
        },
        {
            content: "Write to the officer",
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            run: "edit Guardian tour message",
        },
        {
            content: "Send the message",
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The message is in the thread",
            trigger: "#chatterRoot:shadow .o-mail-Message:contains('Guardian tour message')",
        },
    ],
});
