/** @odoo-module **/

import { registry } from "@web/core/registry";

// Selectors use field and button names only, so the tours run in any language. Started
// by the Python tests on the right page (no ``url`` here).
const FORM = ".o_form_view";
const BUTTON = (name) => `${FORM} .o_form_statusbar button[name=${name}]`;
const STATE = (state) =>
    `${FORM} .o_statusbar_status button.o_arrow_button_current[data-value=${state}]`;

// Any staff member reports a suspected breach: the 72-hour clock starts.
registry.category("web_tour.tours").add("data_breach_report_tour", {
    steps: () => [
        {
            content: "Title of the breach",
            trigger: `${FORM} .o_field_widget[name=title] input`,
            run: "edit ضياع ملف ورقي لمستفيدين",
        },
        {
            content: "Cause",
            trigger: `${FORM} .o_field_widget[name=cause] select`,
            run: 'select "device"',
        },
        {
            content: "Health data is affected",
            trigger: `${FORM} .o_field_widget[name=data_health] input`,
            run: "click",
        },
        {
            content: "It makes the breach sensitive",
            trigger: `${FORM} .o_field_widget[name=sensitive_data] input:checked`,
        },
        {
            content: "About how many people",
            trigger: `${FORM} .o_field_widget[name=estimated_count] input`,
            run: "edit 12",
        },
        {
            content: "What happened",
            trigger: `${FORM} .o_field_widget[name=description] textarea`,
            run: "edit نُسي ملف فيه تقارير طبية لمستفيدين في قاعة الانتظار",
        },
        {
            content: "Save the report",
            trigger: `${FORM} .o_form_button_save`,
            run: "click",
        },
        {
            content: "The report is numbered and open",
            trigger: `${FORM} .oe_title .o_field_widget[name=name]:contains(BRC/)`,
        },
        {
            content: "The SDAIA clock is shown with the hours left",
            trigger: `${FORM} .alert-warning .o_field_widget[name=hours_left]:not(:contains(00:00))`,
        },
        {
            content: "The reporter cannot handle it: no workflow button",
            trigger: `${FORM} .o_form_statusbar:not(:has(button[name=action_contain]))`,
        },
    ],
});

// A manager contains the breach, records the SDAIA notification, tells the affected
// people and closes it.
registry.category("web_tour.tours").add("data_breach_manager_tour", {
    steps: () => [
        {
            content: "The breach is open, on the clock",
            trigger: STATE("open"),
        },
        {
            content: "Open the containment tab",
            trigger: `${FORM} .o_notebook a.nav-link[name=containment]`,
            run: "click",
        },
        {
            content: "Describe the containment measures",
            trigger: `${FORM} .o_field_widget[name=containment_measures] textarea`,
            run: "edit إيقاف الحساب وتغيير كلمات المرور",
        },
        {
            content: "Mark it contained",
            trigger: BUTTON("action_contain"),
            run: "click",
        },
        {
            content: "The breach is contained",
            trigger: STATE("contained"),
        },
        {
            content: "The reference SDAIA gave",
            trigger: `${FORM} .o_field_widget[name=sdaia_reference] input`,
            run: "edit SDAIA-2026-501",
        },
        {
            content: "Record the SDAIA notification",
            trigger: BUTTON("action_sdaia_notified"),
            run: "click",
        },
        {
            content: "SDAIA is notified: the clock is gone",
            trigger: `${STATE("notified")}`,
        },
        {
            content: "No clock any more",
            trigger: `${FORM}:not(:has(.alert-warning .o_field_widget[name=hours_left]))`,
        },
        {
            content: "Open the notice tab",
            trigger: `${FORM} .o_notebook a.nav-link[name=notice]`,
            run: "click",
        },
        {
            content: "Write the notice to the affected people",
            trigger: `${FORM} .o_field_widget[name=subject_notice] textarea`,
            run: "edit احذر من أي اتصال يطلب بياناتك باسم الجمعية",
        },
        {
            content: "Notify the affected people",
            trigger: BUTTON("action_notify_subjects"),
            run: "click",
        },
        {
            content: "Confirm the sending",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The notice is sent: the button is gone",
            trigger: `${FORM} .o_form_statusbar:not(:has(button[name=action_notify_subjects]))`,
        },
        {
            content: "Close the breach",
            trigger: BUTTON("action_close"),
            run: "click",
        },
        {
            content: "The breach is closed",
            trigger: STATE("closed"),
        },
    ],
});
