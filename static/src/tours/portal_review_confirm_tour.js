/** @odoo-module **/

import { registry } from "@web/core/registry";

// A beneficiary asked to confirm their data after a periodic review (P19) opens their
// file from /my, updates what changed (the district), saves, then confirms that the rest
// is up to date. Selectors use no visible text: the tour runs in Arabic and in English.
registry.category("web_tour.tours").add("portal_review_confirm_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open my beneficiary file",
            trigger: ".o_portal_index_card:not(.d-none) a[href$='/my/profile']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The association asks to confirm the data by a date",
            trigger: ".alert-warning form[action$='/my/profile/confirm-review']",
        },
        {
            content: "The district changed",
            trigger: "#br_district",
            run: "edit حي النرجس",
        },
        {
            content: "Save the change",
            trigger: "form[action$='/my/profile'] button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Saved; the review still waits for the confirmation",
            trigger: "input#br_district[value='حي النرجس']",
        },
        {
            content: "Confirm that the data is up to date",
            trigger: "form[action$='/my/profile/confirm-review'] button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Confirmed: nothing more is asked",
            trigger: "body:not(:has(form[action$='/my/profile/confirm-review'])) .alert-success",
        },
    ],
});
