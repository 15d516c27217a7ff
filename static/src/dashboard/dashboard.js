/** @odoo-module **/

import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

/**
 * The managers' dashboard (issue 17): one call to the server, which checks the group
 * and the company and computes every figure; each figure (and each line of a
 * breakdown) opens the list of the records it counts.
 */
export class BeneficiaryDashboard extends Component {
    static template = "beneficiary_relations.Dashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ data: null });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call("beneficiary.dashboard", "get_dashboard", []);
    }

    open(action) {
        this.actionService.doAction(action);
    }

    format(figure) {
        if (figure.value === null || figure.value === undefined) {
            return "—";
        }
        const value = Number.isInteger(figure.value)
            ? figure.value.toLocaleString()
            : figure.value.toLocaleString(undefined, { maximumFractionDigits: 1 });
        return figure.unit === "%" ? `${value} %` : value;
    }
}

registry.category("actions").add("beneficiary_relations.dashboard", BeneficiaryDashboard);
