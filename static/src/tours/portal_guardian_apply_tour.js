/** @odoo-module **/

import { registry } from "@web/core/registry";
import {
    applicantSteps,
    fill,
    signAndSendSteps,
} from "@beneficiary_relations/tours/portal_apply_steps";

// A signed-in guardian applies online for their daughter, a minor (P32): the guardian's
// form of the service, their own ID, relation and proof, the child's data; the guardian
// signs and sends, then follows the request from their portal. Selectors use ids and
// classes only (and the service's name), so the tour runs in Arabic and in English. The
// form's steps are shared with the applicant's tour (portal_apply_steps.js).
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
        ...applicantSteps({
            names: ["ريم", "عبدالله", "محمد", "الوصي"],
            nationalId: "1122223348",
            // eleven years old
            birthDate: `${new Date().getFullYear() - 11}-01-01`,
            // the guardian's mobile for the child
            mobile: "0550004321",
            description: "Guardian tour: school support",
        }),
        // the guardian signs and sends
        ...signAndSendSteps({ expectUnloadPage: true }),
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
