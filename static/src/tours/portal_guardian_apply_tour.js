/** @odoo-module **/

import { registry } from "@web/core/registry";

// A signed-in guardian applies online for their daughter, a minor (P32): the guardian's
// form of the service, their own ID, relation and proof, the child's data; the guardian
// signs and sends, then follows the request from their portal. Selectors use ids and
// classes only (and the service's name), so the tour runs in Arabic and in English.
function fill(selector, value, content) {
    return { content, trigger: selector, run: `edit ${value}` };
}

registry.category("web_tour.tours").add("portal_guardian_apply_tour", {
    url: "/beneficiary/apply",
    steps: () => [
        {
            content: "Choose the children's service",
            trigger: ".o_beneficiary_apply_service:contains(خدمة رعاية الأطفال) a.btn-primary",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Applying for a minor: the guardian's form",
            trigger: "a.o_beneficiary_apply_guardian_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The guardian's section comes first",
            trigger: ".o_beneficiary_apply_guardian_intro",
        },
        fill("#apply_guardian_national_id", "1044443214", "The guardian's own ID number"),
        {
            content: "The relation: mother",
            trigger: "#apply_guardian_relation",
            run: "select mother",
        },
        {
            content: "Attach the proof of guardianship",
            trigger: "input.o_beneficiary_apply_guardian_proof",
            run() {
                const bytes = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
                const file = new File([bytes], "family-record.pdf", { type: "application/pdf" });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        fill("#apply_first_name", "ريم", "The child's first name"),
        fill("#apply_father_name", "عبدالله", "Father's name"),
        fill("#apply_grandfather_name", "محمد", "Grandfather's name"),
        fill("#apply_family_name", "الوصي", "Family name"),
        fill("#apply_national_id", "1122223348", "The child's ID number"),
        {
            content: "The child's birth date (eleven years old)",
            trigger: "#apply_birth_date",
            run() {
                const year = new Date().getFullYear() - 11;
                this.anchor.value = `${year}-01-01`;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Gender",
            trigger: "label[for=apply_gender_female]",
            run: "click",
        },
        fill("#apply_mobile", "0550004321", "The guardian's mobile for the child"),
        fill("#apply_building_number", "2929", "Building number"),
        fill("#apply_street", "طريق الملك عبدالعزيز", "Street"),
        fill("#apply_district", "الملقا", "District"),
        fill("#apply_city", "الرياض", "City"),
        fill("#apply_zip", "13521", "Postal code"),
        fill("#apply_additional_number", "7788", "Additional number"),
        fill("#apply_description", "Guardian tour: school support", "What is needed"),
        {
            content: "The guardian signs the declaration",
            trigger: "label[for=apply_accept_declaration]",
            run: "click",
        },
        {
            content: "The guardian gives consent",
            trigger: "label[for=apply_accept_consent]",
            run: "click",
        },
        {
            content: "Send the application",
            trigger: ".o_beneficiary_apply_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Received: go to my requests",
            trigger: ".o_beneficiary_apply_thanks a.o_beneficiary_apply_my_requests",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The child's request is listed, on their behalf",
            trigger: "tr.o_br_request_row:contains(خدمة رعاية الأطفال) .o_br_request_for",
        },
    ],
});
