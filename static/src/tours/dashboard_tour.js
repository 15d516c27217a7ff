/** @odoo-module **/

import { registry } from "@web/core/registry";

// Issue 17: the manager reads a figure of the dashboard, opens its list (the records it
// counts), and comes back to the dashboard.
registry.category("web_tour.tours").add("beneficiary_dashboard_tour", {
    steps: () => [
        {
            content: "The dashboard shows one request overdue against the decision clock",
            trigger: ".o_br_dashboard [data-figure=requests_overdue] .o_br_dashboard_value:contains(1)",
        },
        {
            content: "Open the list behind the figure",
            trigger: ".o_br_dashboard [data-figure=requests_overdue] button.o_br_dashboard_figure",
            run: "click",
        },
        {
            content: "The list holds exactly that request",
            trigger: ".o_list_view tbody:not(:has(.o_data_row ~ .o_data_row)) .o_data_row",
        },
        {
            content: "Back to the dashboard",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "A breakdown line opens its own list",
            trigger: ".o_br_dashboard [data-figure=requests_by_branch] button.o_br_dashboard_group:first",
            run: "click",
        },
        {
            content: "Two open requests of the first branch",
            trigger:
                ".o_list_view tbody:has(.o_data_row ~ .o_data_row):not(:has(.o_data_row ~ .o_data_row ~ .o_data_row))",
        },
    ],
});
