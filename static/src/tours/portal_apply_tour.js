/** @odoo-module **/

import { registry } from "@web/core/registry";

// An applicant, not logged in, applies online in Arabic on a phone-sized screen: chooses
// the service, fills in the form (the national ID typed with Eastern Arabic digits:
// ١٠٩٨٧٦٥٤٤٧ = 1098765447), accepts the declaration and the consent and sends it.
// Selectors use ids and classes only, so the tour runs in any language.
function fill(selector, value, content) {
    return { content, trigger: selector, run: `edit ${value}` };
}

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
        fill("#apply_first_name", "فاطمة", "First name"),
        fill("#apply_father_name", "أحمد", "Father's name"),
        fill("#apply_grandfather_name", "سعيد", "Grandfather's name"),
        fill("#apply_family_name", "الغامدي", "Family name"),
        fill("#apply_national_id", "١٠٩٨٧٦٥٤٤٧", "National ID in Eastern Arabic digits"),
        {
            content: "Birth date",
            trigger: "#apply_birth_date",
            run() {
                this.anchor.value = "1990-05-15";
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Gender",
            trigger: "label[for=apply_gender_female]",
            run: "click",
        },
        fill("#apply_mobile", "0551234567", "Mobile"),
        fill("#apply_email", "fatima.tour@example.com", "Email"),
        fill("#apply_building_number", "2929", "Building number"),
        fill("#apply_street", "طريق الملك عبدالعزيز", "Street"),
        fill("#apply_district", "الملقا", "District"),
        fill("#apply_city", "الرياض", "City"),
        fill("#apply_zip", "13521", "Postal code"),
        fill("#apply_additional_number", "7788", "Additional number"),
        fill("#apply_description", "أحتاج جلسات إرشاد أسري", "What is needed"),
        {
            content: "Sign the declaration",
            trigger: "label[for=apply_accept_declaration]",
            run: "click",
        },
        {
            content: "Give consent",
            trigger: "label[for=apply_accept_consent]",
            run: "click",
        },
        {
            content: "Send the application",
            trigger: ".o_beneficiary_apply_submit",
            run: "click",
        },
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
