/** @odoo-module **/

import { Component, onWillStart, useState } from "@odoo/owl";
import { rpcBus } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { useBus, useService } from "@web/core/utils/hooks";

/**
 * P26: while the policy in force waits for the employee's acknowledgement, a button in
 * the top bar says so on every screen, until they acknowledge it. One call when the web
 * client starts; after that, only while something is still pending, on a change of
 * screen or once the acknowledgement button was used (to hide the reminder at once);
 * never for employees who have nothing to acknowledge.
 */
export class PolicyAcknowledgementSystray extends Component {
    static template = "beneficiary_relations.PolicyAcknowledgementSystray";
    static props = {};

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ count: 0, version: false });
        onWillStart(() => this.load());
        useBus(this.env.bus, "ACTION_MANAGER:UI-UPDATED", () => {
            if (this.state.count) {
                this.load();
            }
        });
        useBus(rpcBus, "RPC:RESPONSE", (ev) => {
            const params = ev.detail.data.params || {};
            if (
                this.state.count &&
                params.model === "beneficiary.policy.acknowledgement" &&
                params.method === "action_acknowledge" &&
                !ev.detail.error
            ) {
                this.load();
            }
        });
    }

    async load() {
        const result = await this.orm.call(
            "beneficiary.policy.acknowledgement",
            "systray_pending",
            []
        );
        Object.assign(this.state, result);
    }

    async onClick() {
        await this.action.doAction(
            "beneficiary_relations.beneficiary_policy_acknowledgement_action_my"
        );
    }
}

registry
    .category("systray")
    .add(
        "beneficiary_relations.policy_acknowledgement",
        { Component: PolicyAcknowledgementSystray },
        { sequence: 25 }
    );
