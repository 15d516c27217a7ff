from odoo import Command, api, models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import SQL

from ..tools.server_context import server_value
from .beneficiary_sensitive_access_log import CHANNEL_KEY, is_logged_env

MANAGER = "beneficiary_relations.group_beneficiary_manager"
# Operators whose category set is matched positively / negatively (P7 search rewrite).
POSITIVE = {"in", "=", "child_of", "parent_of", "like", "ilike", "=like", "=ilike"}
NEGATIVE = {"not in": "in", "!=": "=", "not like": "like", "not ilike": "ilike"}


class BeneficiaryBeneficiary(models.Model):
    """Sensitive categories (health, disability, addiction) of a file (P7, PDPL).

    A file's membership of a sensitive category is readable only by the file's
    assigned researcher and managers (and by the beneficiary on the portal, for their
    own file); every staff read is logged in the confidential access log. Everyone else
    reads ``category_ids`` without the sensitive categories, whatever the way:

    * reads (``read``, ``search_read``, ``web_read``): filtered in ``_read_format``;
    * exports: filtered the same way, through the records' cache during the export;
    * searches: a condition on ``category_ids`` only matches non-sensitive categories
      (plus every category of the files assigned to the user), so a search for a
      sensitive category finds nothing rather than the files in it;
    * grouping: the groups of ``category_ids`` count only the non-sensitive categories;
    * chatter: changes involving a sensitive category are not tracked in the chatter
      (tracking values would name it for every reader); they are logged as "changed"
      in the confidential access log instead.

    Server code (the eligibility engine reads the categories in SQL, computes read them
    through the ORM) is unaffected: only what leaves the server is filtered.
    """

    _inherit = "beneficiary.beneficiary"

    # ------------------------------------------------------------ who may read
    def _confidential_readable(self):
        """The files of ``self`` whose confidential data the current user may read.

        The superuser and managers: all; a researcher: the files assigned to them; a
        portal user: their own file (the beneficiary may see their own data).
        """
        if self.env.su or self.env.user.has_group(MANAGER):
            return self
        user = self.env.user
        return (
            # sudo: filters self to the files assigned to the user (or their own file); nothing else
            # is returned
            self.sudo()
            .filtered(lambda b: b.researcher_id == user or b.partner_id == user.partner_id)
            .with_env(self.env)
        )

    def _log_confidential_access(self, names_by_id, channel, kind="viewed"):
        """One batched entry per file of the confidential access log, for staff.

        :param names_by_id: ``{beneficiary id: technical names of what was read}``
        """
        if not names_by_id or not is_logged_env(self.env) or self.env.user.share:
            return
        # sudo: the log is written for the current user's own read, never read back
        self.env["beneficiary.sensitive.access.log"].sudo()._record_entries(
            kind, names_by_id, channel=server_value(CHANNEL_KEY) or channel
        )

    @api.model
    def _sensitive_category_ids(self):
        return set(
            self.env["beneficiary.category"]
            # sudo: only the ids of the sensitive categories, to hide them from the user
            .sudo()
            .with_context(active_test=False)
            .search([("is_sensitive", "=", True)])
            .ids
        )

    def _hidden_sensitive_categories(self):
        """``{file id: sensitive category ids the current user may not read}``, and the
        ``{file id: names}`` of the files whose sensitive categories they may read."""
        sensitive = self._sensitive_category_ids()
        # sudo: the files of self (already readable) holding a sensitive category, to hide them
        concerned = self.sudo().filtered(
            lambda b: isinstance(b.id, int) and set(b.category_ids.ids) & sensitive
        )
        if not concerned:
            return {}, {}
        readable = set(concerned.with_env(self.env)._confidential_readable().ids)
        hidden = {
            b.id: set(b.category_ids.ids) & sensitive for b in concerned if b.id not in readable
        }
        return hidden, dict.fromkeys(readable, ("category_ids",))

    # ------------------------------------------------------------------- reads
    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        if "category_ids" in fnames and result:
            files = self.browse(row["id"] for row in result if isinstance(row["id"], int))
            hidden, readable = files._hidden_sensitive_categories()
            for row in result:
                if row["id"] in hidden:
                    row["category_ids"] = [
                        cid for cid in row["category_ids"] if cid not in hidden[row["id"]]
                    ]
            self._log_confidential_access(readable, "beneficiary")
        return result

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **kwargs):
        return super().search_read(
            domain=domain, fields=fields, offset=offset, limit=limit, order=order, **kwargs
        )

    search_read._readonly = False

    @api.model
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        return super().web_search_read(
            domain,
            specification,
            offset=offset,
            limit=limit,
            order=order,
            count_limit=count_limit,
        )

    web_search_read._readonly = False

    def export_data(self, fields_to_export):
        """Exports leave out the sensitive categories the user may not read.

        The export reads ``category_ids`` from the records' cache: the cache holds the
        filtered value during the export and is dropped afterwards.
        """
        if not any(path.split("/")[0] == "category_ids" for path in fields_to_export):
            return super().export_data(fields_to_export)
        hidden, readable = self._hidden_sensitive_categories()
        field = self._fields["category_ids"]
        hidden_files = self.browse(list(hidden))
        try:
            for beneficiary in hidden_files:
                visible = tuple(
                    cid
                    # sudo: the cache gets only the categories not hidden from the user (hidden
                    # above)
                    for cid in beneficiary.sudo().category_ids.ids
                    if cid not in hidden[beneficiary.id]
                )
                self.env.cache.update(beneficiary, field, [visible])
            result = super().export_data(fields_to_export)
        finally:
            hidden_files.invalidate_recordset(["category_ids"])
        self._log_confidential_access(readable, "export")
        return result

    # ---------------------------------------------------------------- searches
    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if domain and not (self.env.su or self.env.user.has_group(MANAGER)):
            domain = self._restrict_category_domain(domain)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _restrict_category_domain(self, domain):
        """``domain`` where each condition on ``category_ids`` only sees the categories
        the user may read: non-sensitive ones, and every one of their assigned files."""
        result = []
        for leaf in expression.normalize_domain(domain):
            if (
                isinstance(leaf, list | tuple)
                and len(leaf) == 3
                and isinstance(leaf[0], str)
                and leaf[0].split(".")[0] == "category_ids"
            ):
                own = [("researcher_id", "=", self.env.uid)]
                if self.env.user.share:
                    own = [("partner_id", "=", self.env.user.partner_id.id)]
                leaf = expression.OR(
                    [expression.AND([own, [tuple(leaf)]]), [self._public_category_leaf(leaf)]]
                )
                result.extend(leaf)
            else:
                result.append(leaf)
        return result

    @api.model
    def _public_category_leaf(self, leaf):
        """``leaf`` (a condition on ``category_ids``) on the non-sensitive categories."""
        path, operator, value = leaf
        public = [("is_sensitive", "=", False)]
        rest = path.partition(".")[2]
        if rest:
            return ("category_ids", "any", [(rest, operator, value), *public])
        if operator in ("any", "not any"):
            sub = value if isinstance(value, list) else [("id", "in", value)]
            return ("category_ids", operator, expression.AND([sub, public]))
        values = value if isinstance(value, list | tuple | set) else [value]
        positive = operator in POSITIVE
        base_operator = operator if positive else NEGATIVE.get(operator)
        if base_operator is None:
            raise AccessError(
                self.env._("This search on the categories is not allowed: %(op)s.", op=operator)
            )
        if all(v is False or v is None for v in values):
            # "Has no category" / "has a category": among the categories one may see.
            return ("category_ids", "not any" if positive else "any", public)
        if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            sub = [("id", "in", list(values))]
        else:
            sub = [("name", base_operator, value)]
        return ("category_ids", "any" if positive else "not any", sub + public)

    # --------------------------------------------------------------- grouping
    def _read_group_groupby(self, groupby_spec, query):
        """Groups by category count only the categories the user may read."""
        if groupby_spec.split(":")[0] != "category_ids" or (
            self.env.su or self.env.user.has_group(MANAGER)
        ):
            return super()._read_group_groupby(groupby_spec, query)
        field = self._fields["category_ids"]
        Category = self.env["beneficiary.category"]
        public = Category._where_calc([("is_sensitive", "=", False)], active_test=False)
        Category._apply_ir_rules(public)
        every = Category._where_calc([], active_test=False)
        Category._apply_ir_rules(every)
        alias = self._table
        rel_alias = query.make_alias(alias, field.name)
        column = SQL.identifier(rel_alias, field.column2)
        condition = SQL(
            "%s = %s AND (%s IN %s OR (%s = %s AND %s IN %s))",
            SQL.identifier(alias, "id"),
            SQL.identifier(rel_alias, field.column1),
            column,
            public.subselect(),
            SQL.identifier(alias, "researcher_id"),
            self.env.uid,
            column,
            every.subselect(),
        )
        query.add_join("LEFT JOIN", rel_alias, field.relation, condition)
        return column

    # ------------------------------------------------------------------ writes
    def write(self, vals):
        """Keep the sensitive categories a user cannot see when they set the list.

        A user who does not see a file's sensitive categories sends the list without
        them (``Command.set`` or ``Command.clear``): those stay. Removing one is the
        researcher's or a manager's decision.
        """
        commands = vals.get("category_ids")
        if commands and not (self.env.su or self.env.user.has_group(MANAGER)):
            hidden, _readable = self._hidden_sensitive_categories()
            sensitive = self._sensitive_category_ids()
            readable = set(self._confidential_readable().ids)
            for command in commands:
                if (
                    command[0] == Command.UNLINK
                    and command[1] in sensitive
                    and (set(self.ids) - readable)
                ):
                    raise AccessError(
                        self.env._(
                            "Only the social researcher assigned to the file and managers can "
                            "remove a sensitive category."
                        )
                    )
            if hidden and any(c[0] in (Command.SET, Command.CLEAR) for c in commands):
                if len(self) > 1:
                    for beneficiary in self:
                        beneficiary.write(dict(vals))
                    return True
                keep = [Command.link(cid) for cid in hidden.get(self.id, ())]
                vals = dict(vals, category_ids=list(commands) + keep)
        if "category_ids" in vals:
            # sudo: the written files' categories before the write, to log sensitive changes only
            before = {b.id: set(b.sudo().category_ids.ids) for b in self}
        result = super().write(vals)
        if "category_ids" in vals:
            sensitive = self._sensitive_category_ids()
            changed = {
                b.id: ("category_ids",)
                for b in self
                # sudo: compared with the values before, for the log; nothing is returned
                if (before[b.id] ^ set(b.sudo().category_ids.ids)) & sensitive
            }
            self._log_confidential_access(changed, "beneficiary", kind="changed")
        return result

    def _mail_track(self, tracked_fields, initial_values):
        """No chatter tracking of a change that involves a sensitive category."""
        if "category_ids" in tracked_fields:
            before = initial_values.get("category_ids") or self.env["beneficiary.category"]
            # sudo: only whether a sensitive category is involved, to leave it out of the chatter
            if (before | self.sudo().category_ids).filtered("is_sensitive"):
                tracked_fields = {k: v for k, v in tracked_fields.items() if k != "category_ids"}
        return super()._mail_track(tracked_fields, initial_values)
