/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// An officer registers a new beneficiary file in Arabic. Selectors use technical field
// names only, so the tour runs in any language. The national ID is typed with Eastern
// Arabic digits (١٠٩٨٧٦٥٤٣٩ = 1098765439, a valid citizen number).
registry.category("web_tour.tours").add("beneficiary_form_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Beneficiary Relations app",
            trigger: '.o_app[data-menu-xmlid="beneficiary_relations.beneficiary_relations_root_menu"]',
            run: "click",
        },
        {
            content: "Create a new beneficiary",
            trigger: ".o_control_panel .o_list_button_add, .o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "First name",
            trigger: ".o_form_view .o_field_widget[name=first_name] input",
            run: "edit محمد",
        },
        {
            content: "Father's name",
            trigger: ".o_form_view .o_field_widget[name=father_name] input",
            run: "edit عبدالله",
        },
        {
            content: "Grandfather's name",
            trigger: ".o_form_view .o_field_widget[name=grandfather_name] input",
            run: "edit سعد",
        },
        {
            content: "Family name",
            trigger: ".o_form_view .o_field_widget[name=family_name] input",
            run: "edit القحطاني",
        },
        {
            content: "National ID typed with Eastern Arabic digits",
            trigger: ".o_form_view .o_field_widget[name=national_id] input",
            run: "edit ١٠٩٨٧٦٥٤٣٩",
        },
        {
            content: "The name is composed from the four parts",
            trigger: ".o_form_view .o_field_widget[name=name]:contains(محمد عبدالله سعد القحطاني)",
        },
        {
            content: "Birth date",
            trigger: ".o_form_view .o_field_widget[name=birth_date] input",
            run: "edit 1990-05-15",
        },
        {
            content: "The number is shown with Western digits",
            trigger: ".o_form_view .o_field_widget[name=national_id] input:value(1098765439)",
        },
        {
            content: "Leave the birth date",
            trigger: ".o_form_view .o_field_widget[name=first_name] input",
            run: "click",
        },
        {
            content: "The Hijri birth date is shown beside it",
            trigger: ".o_form_view .o_field_widget[name=birth_date_hijri] input:value(1410/10/20)",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The file is saved",
            trigger: ".o_form_saved",
        },
        {
            content: "The composed name is shown",
            trigger: ".o_form_view .o_field_widget[name=name]:contains(محمد عبدالله سعد القحطاني)",
        },
        {
            content: "The file number is given",
            trigger: ".o_form_view .o_field_widget[name=ref]:contains(BEN/)",
        },
        {
            content: "The breadcrumb shows the beneficiary's name",
            trigger: ".o_breadcrumb .active:contains(محمد عبدالله سعد القحطاني)",
        },
    ],
});
