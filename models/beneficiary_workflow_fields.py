"""Workflow fields move only through their actions (threat model, principles 2 and 6).

A model that inherits ``beneficiary.workflow.fields`` refuses a ``create`` or ``write`` of
its workflow fields — state, decision, who decided and when, evidence, numbers, the flags
its scheduled jobs keep — by anyone but the superuser, unless the write happens inside one
of the model's own actions. The actions are marked with the ``workflow_action`` decorator:
the permission is a flag of the running server code (``tools/server_context.py``), never a
context key,
so no client can grant it to itself over RPC.

By default a model's workflow fields are ``state`` and every stored field declared
``readonly=True`` (what the screens show as "changed by the buttons"), and the stored
computed fields without an inverse; ``_workflow_extra_fields`` adds others.

Numbering (``_workflow_number = (field, sequence code)``) comes from the mixin
``beneficiary.numbering`` that this one inherits: the number is given after the client's
values are checked, so a client cannot choose it.
"""

import functools

from markupsafe import Markup

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from ..tools.server_context import server_context, server_value

# Context keys a client could send to silence the chatter's record of a change.
SILENCING_KEYS = ("tracking_disable", "mail_notrack", "mail_create_nolog")


def trusted_write():
    """Server code only: the writes made inside may set workflow fields."""
    return server_context(workflow_write=True)


def workflow_action(method):
    """Marks a method that owns a transition: its own checks run, then its writes of
    workflow fields are accepted."""

    @functools.wraps(method)
    def action(self, *args, **kwargs):
        with trusted_write():
            return method(self, *args, **kwargs)

    return action


def is_trusted(env):
    return env.su or server_value("workflow_write", False)


class BeneficiaryWorkflowFields(models.AbstractModel):
    _name = "beneficiary.workflow.fields"
    _description = "Workflow Fields Changed by Their Actions Only"
    _inherit = ["beneficiary.numbering"]

    _workflow_extra_fields = ()
    _workflow_free_fields = ()
    # Fields that grant access (threat model, principle 3): {name: xml id of the group
    # that may set them}. Every change is posted in the chatter, whatever the context.
    _access_fields = {}
    # States in which a record created by mistake may be deleted, by a manager (threat
    # model, principle 9); every other record is archived, cancelled or anonymised.
    _unlink_draft_states = ("draft",)

    @api.model
    def _workflow_field_names(self):
        cls = type(self)
        names = cls.__dict__.get("_br_workflow_names")
        if names is None:
            names = {"state"} & set(self._fields) | set(self._workflow_extra_fields)
            for name, field in self._fields.items():
                if (
                    not field.store
                    or field.related
                    or field.inherited
                    or name in models.MAGIC_COLUMNS
                ):
                    continue
                if (
                    field.compute
                    and field.readonly
                    and not field.inverse
                    or not field.compute
                    and field.readonly
                ):
                    names.add(name)
            names = frozenset(names - set(self._workflow_free_fields) - {"id", "display_name"})
            cls._br_workflow_names = names
        return names

    def _workflow_refuse(self, names):
        labels = ", ".join(
            sorted(self._fields[name]._description_string(self.env) for name in names)
        )
        raise AccessError(
            self.env._(
                "%(fields)s of %(model)s change only through the buttons of its workflow, "
                "which check who may do it and when.",
                fields=labels,
                model=self.env["ir.model"]._get(self._name).name,
            )
        )

    def _workflow_untrusted_env(self):
        """The records in a context where the client can neither choose a workflow field
        through a ``default_`` key nor silence the chatter."""
        context = self.env.context
        names = self._workflow_field_names()
        if any(
            (key.startswith("default_") and key[8:] in names) or (key in SILENCING_KEYS and value)
            for key, value in context.items()
        ):
            clean = {
                key: value
                for key, value in context.items()
                if not (key.startswith("default_") and key[8:] in names)
                and key not in SILENCING_KEYS
            }
            return self.with_context(clean)  # pylint: disable=context-overridden
        return self

    def _workflow_default_value(self, name, value):
        field = self._fields[name]
        if not value:
            return True
        if field.default is None:
            return False
        default = field.default(self)
        if isinstance(default, models.BaseModel):
            default = default.id
        return value == default

    def _check_workflow_vals(self, vals, creating=False):
        """Refuse the workflow fields in ``vals`` unless trusted (values equal to the
        current ones, or to the field's default at creation, pass)."""
        if is_trusted(self.env):
            return
        sent = self._workflow_field_names() & vals.keys()
        if creating:
            changed = [name for name in sent if not self._workflow_default_value(name, vals[name])]
        else:
            changed = []
            for name in sent:
                field = self._fields[name]
                for record in self:
                    new = field.convert_to_record(
                        field.convert_to_cache(vals[name], record), record
                    )
                    if new != record[name]:
                        changed.append(name)
                        break
        if changed:
            self._workflow_refuse(changed)

    # ------------------------------------------------------------ access fields
    def _access_field_allowed(self, name, vals, creating):
        """Whether the current user may give ``name`` its value in ``vals`` on ``self``."""
        return self.env.user.has_group(self._access_fields[name])

    def _access_fields_changed(self, vals, creating=False):
        names = [name for name in self._access_fields if name in vals]
        if creating:
            return [name for name in names if not self._workflow_default_value(name, vals[name])]
        return [
            name for name in names if any(self._value_differs(r, name, vals[name]) for r in self)
        ]

    def _value_differs(self, record, name, value):
        field = self._fields[name]
        return (
            field.convert_to_record(field.convert_to_cache(value, record), record) != record[name]
        )

    def _check_access_fields(self, names, vals, creating=False):
        if is_trusted(self.env):
            return
        refused = [name for name in names if not self._access_field_allowed(name, vals, creating)]
        if refused:
            labels = ", ".join(self._fields[name]._description_string(self.env) for name in refused)
            raise AccessError(
                self.env._(
                    "You may not set %(fields)s: it decides who can see this record.",
                    fields=labels,
                )
            )

    def _log_access_changes(self, names, old_values):
        """One chatter note per record naming each access field's old and new value,
        written in one batch, whatever the context."""
        if not names or not hasattr(self, "_message_log_batch"):
            return
        _ = self.env._
        # sudo: the write was allowed; the log note is the server's, whatever the context
        records = self.sudo()
        bodies = {}
        for record in records:
            lines = []
            for name in names:
                old = old_values.get((record.id, name)) or _("nobody")
                new = ", ".join(record[name].mapped("display_name")) or _("nobody")
                if old != new:
                    label = self._fields[name]._description_string(self.env)
                    lines.append(_("%(field)s: %(old)s → %(new)s", field=label, old=old, new=new))
            if lines:
                bodies[record.id] = Markup("%s<br/>%s") % (
                    _("Access changed by %(user)s:", user=self.env.user.name),
                    Markup("<br/>").join(lines),
                )
        if bodies:
            records._message_log_batch(bodies=bodies, author_id=self.env.user.partner_id.id)

    # ------------------------------------------------------------------ deletion
    def _is_deletable_draft(self):
        """Whether ``self`` (one record) is a draft that a manager may delete."""
        return "state" in self._fields and self.state in self._unlink_draft_states

    @api.ondelete(at_uninstall=False)
    def _unlink_unless_manager_draft(self):
        if self.env.su:
            return
        if not all(record._is_deletable_draft() for record in self):
            raise UserError(
                self.env._(
                    "%(model)s records are kept: the association accounts for them. Archive, "
                    "cancel or anonymise instead of deleting.",
                    model=self.env["ir.model"]._get(self._name).name,
                )
            )
        if not self.env.user.has_group("beneficiary_relations.group_beneficiary_manager"):
            raise UserError(self.env._("Only a manager deletes a draft created by mistake."))

    # --------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        access_names = set()
        if not is_trusted(self.env):
            self = self._workflow_untrusted_env()
            for vals in vals_list:
                self._check_workflow_vals(vals, creating=True)
        for vals in vals_list:
            names = self._access_fields_changed(vals, creating=True)
            self._check_access_fields(names, vals, creating=True)
            access_names.update(names)
        records = super().create(vals_list)
        if not is_trusted(self.env):
            # A person chose who gets access at creation; the system's own creations
            # (online applications, imports, actions) carry their own trace.
            records._log_access_changes(sorted(access_names), {})
        return records

    def write(self, vals):
        if not is_trusted(self.env):
            self = self._workflow_untrusted_env()
            self._check_workflow_vals(vals)
        names = self._access_fields_changed(vals) if self._access_fields else []
        if not names:
            return super().write(vals)
        self._check_access_fields(names, vals)
        old_values = {
            # sudo: _check_access_fields above; only the names of the old values, for the log
            (record.id, name): ", ".join(record.sudo()[name].mapped("display_name"))
            for record in self
            for name in names
        }
        res = super().write(vals)
        self._log_access_changes(names, old_values)
        return res

    def copy_data(self, default=None):
        # A copy starts its workflow again: no state, number or evidence of the original.
        vals_list = super().copy_data(default=default)
        names = self._workflow_field_names() - set(default or ())
        return [{k: v for k, v in vals.items() if k not in names} for vals in vals_list]
