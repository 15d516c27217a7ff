"""Registering files by the hundred: contacts, defaults and stored computes taken once per
batch, so that a file costs little more than a contact."""

import copy

from odoo import api, models

from ..tools.server_context import server_context, server_value


def _with_defaults(defaults, vals):
    """``vals`` completed with ``defaults`` (commands copied: each record its own)."""
    return {
        **{
            name: copy.deepcopy(value) if isinstance(value, list | dict) else value
            for name, value in defaults.items()
        },
        **vals,
    }


class BeneficiaryBeneficiary(models.Model):
    _inherit = "beneficiary.beneficiary"

    @api.model
    def _prepare_create_values(self, vals_list):
        """Take the default values once for the batch, not once per file.

        ``create`` asks ``default_get`` for every new file, and the defaults do not
        depend on the file's values. Once the contacts exist (every file has its
        ``partner_id``), the defaults of this model are the same for all the files.
        """
        if len(vals_list) < 2 or not all("partner_id" in vals for vals in vals_list):
            return super()._prepare_create_values(vals_list)
        defaults = self._add_missing_default_values({"partner_id": False})
        del defaults["partner_id"]
        vals_list = [_with_defaults(defaults, vals) for vals in vals_list]
        with server_context(beneficiary_defaults_added=True):
            return super()._prepare_create_values(vals_list)

    @api.model
    def _add_precomputed_values(self, vals_list):
        """Compute the stored computed fields before the files are inserted.

        Computed after the insert, they would cost an UPDATE of every new file. Odoo
        computes them on new records made of all the values given (some forty for a
        file): these new records hold only the values the fields depend on.
        """
        precomputable = [
            field for field in self._fields.values() if field.precompute and not field.inherited
        ]
        depends = {
            path.split(".")[0] for field in precomputable for path in self.pool.field_depends[field]
        }
        todo = [vals for vals in vals_list if any(f.name not in vals for f in precomputable)]
        if not todo or any(name in self._inherits.values() for name in depends):
            return super()._add_precomputed_values(vals_list)
        records = self.browse().concat(
            # Defaults are in the values by now: a field left out is empty (and a new
            # record would otherwise ask default_get for it, once per record and field).
            *(self.new({name: vals.get(name, False) for name in depends}) for vals in todo)
        )
        for record, vals in zip(records, todo, strict=True):
            vals["__precomputed__"] = precomputed = set()
            for field in precomputable:
                if field.name not in vals:
                    vals[field.name] = field.convert_to_write(record[field.name], self)
                    precomputed.add(field)
        return super()._add_precomputed_values(vals_list)

    @api.model
    def _add_missing_default_values(self, values):
        if server_value("beneficiary_defaults_added") and not any(
            field.type == "properties" for field in self._fields.values()
        ):
            return values
        return super()._add_missing_default_values(values)

    @api.model
    def _create_contacts(self, vals_list):
        """Create the contacts of the new files, in the files' companies.

        What ``_inherits`` would do, with the contact's values taken from ``vals_list``;
        but the contact logs no "created" message of its own (the file's chatter records
        the registration), gets no follower (people follow the file) and is not written
        again for its company: registering a file costs little more than creating a
        contact. A salesperson given for the contact is still subscribed to it.
        """
        new = [vals for vals in vals_list if not vals.get("partner_id")]
        if not new:
            return
        inherited = {name for name, field in self._fields.items() if field.inherited}
        contact_vals_list = []
        for vals in new:
            contact_vals = {name: vals.pop(name) for name in list(vals) if name in inherited}
            contact_vals["company_id"] = vals.get("company_id") or self.env.company.id
            contact_vals_list.append(contact_vals)
        Partner = self.env["res.partner"]
        if any(contact_vals.get("user_id") for contact_vals in contact_vals_list):
            Partner = Partner.with_context(mail_create_nolog=True)
        elif len(contact_vals_list) > 1:
            # No chatter work at all: then the contacts' defaults may be given with their
            # values, taken once for the batch rather than once per contact.
            Partner = Partner.with_context(tracking_disable=True)
            defaults = Partner._add_missing_default_values({})
            contact_vals_list = [_with_defaults(defaults, vals) for vals in contact_vals_list]
        else:
            Partner = Partner.with_context(tracking_disable=True)
        contacts = Partner.create(contact_vals_list)
        for vals, contact in zip(new, contacts, strict=True):
            vals["partner_id"] = contact.id
