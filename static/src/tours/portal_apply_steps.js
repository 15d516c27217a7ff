/** @odoo-module **/

// The steps of the online application form (/beneficiary/apply), shared by the tours of
// the applicant (portal_apply_tour), of the guardian applying for a minor
// (portal_guardian_apply_tour) and of the returning beneficiary (portal_apply_returning_tour). Selectors use ids and classes only, so the steps run in
// any language.

export function fill(selector, value, content) {
    return { content, trigger: selector, run: `edit ${value}` };
}

// An address in Riyadh in the national address format.
const ADDRESS = [
    ["#apply_building_number", "2929", "Building number"],
    ["#apply_street", "طريق الملك عبدالعزيز", "Street"],
    ["#apply_district", "الملقا", "District"],
    ["#apply_city", "الرياض", "City"],
    ["#apply_zip", "13521", "Postal code"],
    ["#apply_additional_number", "7788", "Additional number"],
];

/**
 * The applicant's part of the form: the four parts of the name, the national ID, the
 * birth date (YYYY-MM-DD), a female applicant, mobile, e-mail (when given), the address
 * and what is needed.
 */
export function applicantSteps(person) {
    const [first, father, grandfather, family] = person.names;
    return [
        fill("#apply_first_name", first, "First name"),
        fill("#apply_father_name", father, "Father's name"),
        fill("#apply_grandfather_name", grandfather, "Grandfather's name"),
        fill("#apply_family_name", family, "Family name"),
        fill("#apply_national_id", person.nationalId, "National ID"),
        {
            content: "Birth date",
            trigger: "#apply_birth_date",
            run() {
                this.anchor.value = person.birthDate;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Gender",
            trigger: "label[for=apply_gender_female]",
            run: "click",
        },
        fill("#apply_mobile", person.mobile, "Mobile"),
        ...(person.email ? [fill("#apply_email", person.email, "Email")] : []),
        ...ADDRESS.map(([selector, value, content]) => fill(selector, value, content)),
        fill("#apply_description", person.description, "What is needed"),
    ];
}

/** Sign the declaration, give consent and send the form. */
export function signAndSendSteps({ expectUnloadPage = false } = {}) {
    return [
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
            ...(expectUnloadPage ? { expectUnloadPage } : {}),
        },
    ];
}
