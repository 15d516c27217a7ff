/** @odoo-module **/

import { registry } from "@web/core/registry";
import { _t } from "@web/core/l10n/translation";

/**
 * While PostgreSQL is unreachable the server answers every call with HTTP 503 and a
 * JSON-RPC error of this name (tools/database_outage.py): a short notification with the
 * server's bilingual message ("Nothing you saved is lost. Please try again in a
 * minute."), not the error dialog with a traceback.
 */
registry
    .category("error_notifications")
    .add("odoo.addons.beneficiary_relations.tools.database_outage.DatabaseUnavailable", {
        title: _t("Service briefly unavailable"),
        type: "warning",
        sticky: false,
    });
