/** @odoo-module **/

import publicWidget from "@web/legacy/js/public/public_widget";

// Public online application form: show only the documents the ticked categories ask
// for, and send the form once (the server also refuses a second submission).
publicWidget.registry.BeneficiaryApplyForm = publicWidget.Widget.extend({
    selector: ".o_beneficiary_apply_form",
    events: {
        "change input[name=category_ids]": "_onCategoryChange",
        submit: "_onSubmit",
    },

    start() {
        this._toggleDocuments();
        const errors = document.getElementById("apply_errors");
        if (errors) {
            errors.focus();
        }
        return this._super(...arguments);
    },

    _toggleDocuments() {
        const checked = new Set(
            [...this.el.querySelectorAll("input[name=category_ids]:checked")].map((i) => i.value)
        );
        for (const block of this.el.querySelectorAll(".o_beneficiary_apply_document[data-category-ids]")) {
            const needed = block.dataset.categoryIds.split(",").some((id) => checked.has(id));
            block.classList.toggle("d-none", !needed);
            for (const input of block.querySelectorAll("input")) {
                input.disabled = !needed;
            }
        }
    },

    _onCategoryChange() {
        this._toggleDocuments();
    },

    _onSubmit(ev) {
        const button = this.el.querySelector(".o_beneficiary_apply_submit");
        if (this._sent) {
            ev.preventDefault();
            return;
        }
        this._sent = true;
        if (button) {
            button.setAttribute("aria-disabled", "true");
            button.classList.add("disabled");
        }
    },
});

export default publicWidget.registry.BeneficiaryApplyForm;
