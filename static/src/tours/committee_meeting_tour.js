/** @odoo-module **/

import { registry } from "@web/core/registry";

// The secretary (a manager and member of the committee) runs one meeting prepared
// beforehand with the members present: load the agenda, convene, record the proposal,
// vote, close. Selectors use field and button names only, so the tour runs in any
// language. Started on the meeting's form by the Python test (no ``url`` here: the tour
// would redirect to it).
const AGENDA = ".o_form_view .o_field_widget[name=decision_ids]";

registry.category("web_tour.tours").add("committee_meeting_tour", {
    steps: () => [
        {
            content: "The meeting is planned",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=draft]",
        },
        {
            content: "Load the agenda",
            trigger: ".o_form_view .o_form_statusbar button[name=action_load_agenda]",
            run: "click",
        },
        {
            content: "The request waiting for the committee is on the agenda",
            trigger: `${AGENDA} .o_data_row td[name=request_id]:contains(REQ)`,
        },
        {
            content: "Convene the meeting: the quorum is present",
            trigger: ".o_form_view .o_form_statusbar button[name=action_convene]",
            run: "click",
        },
        {
            content: "The meeting is convened",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=convened]",
        },
        {
            content: "Open the agenda line",
            trigger: `${AGENDA} .o_data_row:first td[name=proposal]`,
            run: "click",
        },
        {
            content: "Propose to approve the request",
            trigger: `${AGENDA} .o_data_row.o_selected_row .o_field_widget[name=proposal] select`,
            run: 'select "approve"',
        },
        {
            content: "Reasons of the proposal",
            trigger: `${AGENDA} .o_data_row.o_selected_row .o_field_widget[name=reasons] textarea`,
            run: "edit الحاجة قائمة والشروط منطبقة",
        },
        {
            content: "Save the meeting",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The proposal is saved",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Vote for the proposal",
            trigger: `${AGENDA} .o_data_row:first button[name=action_vote_for]`,
            run: "click",
        },
        {
            content: "The vote is counted and carries the proposal",
            trigger: `${AGENDA} .o_data_row:first td[name=votes_for]:contains(1)`,
        },
        {
            content: "The outcome is shown",
            trigger: `${AGENDA} .o_data_row:first td[name=outcome] .badge`,
        },
        {
            content: "Close the meeting",
            trigger: ".o_form_view .o_form_statusbar button[name=action_close]",
            run: "click",
        },
        {
            content: "Confirm: the decisions are applied and the minutes filed",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The meeting is closed",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=closed]",
        },
        {
            content: "The agenda can no longer be loaded",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_load_agenda]))",
        },
    ],
});
