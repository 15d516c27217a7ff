/** @odoo-module **/

import { registry } from "@web/core/registry";
import {
    applicantSteps,
    signAndSendSteps,
} from "@beneficiary_relations/tours/portal_apply_steps";

// An applicant, not logged in, applies online in Arabic on a phone-sized screen: chooses
// the service, fills in the form (the national ID typed with Eastern Arabic digits:
// ١٠٩٨٧٦٥٤٤٧ = 1098765447), accepts the declaration and the consent and sends it.
// Selectors use ids and classes only, so the tour runs in any language. The form's
// steps are shared with the guardian's tour (portal_apply_steps.js).
registry.category("web_tour.tours").add("portal_apply_tour", {
    url: "/beneficiary/apply",
    steps: () => [
        {
            content: "The page is laid out right to left",
            trigger: "html[dir=rtl] .o_beneficiary_apply",
        },
        {
            content: "Choose the family counselling service",
            trigger: ".o_beneficiary_apply_service:contains(خدمة الإرشاد الأسري) a.btn-primary",
            run: "click",
        },
        {
            content: "The form shows the declaration of the policy in force",
            trigger: "#apply_declaration_text:not(:empty)",
        },
        ...applicantSteps({
            names: ["فاطمة", "أحمد", "سعيد", "الغامدي"],
            // ١٠٩٨٧٦٥٤٤٧ = 1098765447, typed in Eastern Arabic digits
            nationalId: "١٠٩٨٧٦٥٤٤٧",
            birthDate: "1990-05-15",
            mobile: "0551234567",
            email: "fatima.tour@example.com",
            description: "أحتاج جلسات إرشاد أسري",
        }),
        ...signAndSendSteps(),
        {
            content: "The application is received; the next steps come by email or SMS",
            trigger: ".o_beneficiary_apply_thanks .o_beneficiary_apply_next",
        },
        {
            content: "The Hijri birth date is shown",
            trigger: ".o_beneficiary_apply_birth_hijri:contains(1410/10/20)",
        },
    ],
});
