import functools

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression

MANAGER = "beneficiary_relations.group_beneficiary_manager"
STAFF_GROUPS = (
    "beneficiary_relations.group_beneficiary_officer",
    "beneficiary_relations.group_beneficiary_committee",
    "beneficiary_relations.group_beneficiary_partnerships",
)


def _answers_restricted(env):
    """Whether the current user is kept away from beneficiaries' answers (P28).

    Everybody but the beneficiary relations managers (and the superuser): survey users
    and survey managers included, since every internal user is a survey user by default.
    """
    return not env.su and not env.user.has_group(MANAGER)


class BeneficiaryAnswerRestriction(models.AbstractModel):
    """P28: a beneficiary's individual answers are read by beneficiary relations managers
    only, whatever the survey rights.

    The restriction lives here, with the field it filters on, rather than in a record
    rule: a rule naming ``support_request_id`` is stored in the database and applied to
    ``survey.user_input`` even while only ``survey`` is loaded (e.g. when Odoo runs
    survey's own tests on a database that has this addon), where the field does not exist.
    It acts like a record rule for every operation: searches and groupings (``_search``
    and ``_read_group`` go through ``_apply_ir_rules``) and reads, writes and deletions of
    given records (``_check_access``).
    """

    _name = "beneficiary.answer.restriction"
    _description = "Beneficiary Satisfaction Answers Restriction"

    # Path from the model to ``survey.user_input.support_request_id``.
    _beneficiary_request_path = "support_request_id"

    def _beneficiary_answers_domain(self):
        return [(self._beneficiary_request_path, "=", False)]

    def _apply_ir_rules(self, query, mode="read"):
        res = super()._apply_ir_rules(query, mode)
        if _answers_restricted(self.env):
            # sudo: the model only compiles this rule's domain into the query; no record
            # is read or returned
            expression.expression(
                self._beneficiary_answers_domain(), self.sudo(), self._table, query
            )
        return res

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or not _answers_restricted(self.env) or not any(self._ids):
            return result
        # sudo: only which of self are not beneficiary answers, to refuse the others
        allowed = self.sudo().filtered_domain(self._beneficiary_answers_domain())
        forbidden = self - allowed
        if forbidden:
            return forbidden, functools.partial(self._beneficiary_answers_error, operation)
        return None

    def _beneficiary_answers_error(self, operation):
        return AccessError(
            self.env._(
                "The individual answers of beneficiaries to satisfaction surveys are "
                "reserved to beneficiary relations managers (operation: %(operation)s).",
                operation=operation,
            )
        )


class SurveyUserInput(models.Model):
    """A beneficiary's answer to a satisfaction survey, linked to their request (P14)."""

    _name = "survey.user_input"
    _inherit = ["survey.user_input", "beneficiary.answer.restriction"]

    support_request_id = fields.Many2one(
        "beneficiary.support.request",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("support_request_id") for vals in vals_list):
            self._check_request_link()
        return super().create(vals_list)

    def write(self, vals):
        if "support_request_id" in vals:
            self._check_request_link()
        return super().write(vals)

    def _check_request_link(self):
        """Only the invitation (server code, as superuser) links an answer to a request:
        a survey user linking their own answer would rate a beneficiary's service."""
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Satisfaction answers are linked to a request only by the invitation "
                    "sent to its beneficiary."
                )
            )

    def _beneficiary_token_hidden(self):
        """The personal link (``access_token``) of an answer is never shown to beneficiary
        relations staff, managers included: with it anyone could answer in the
        beneficiary's name. Server code builds the link as superuser for the messages.
        Odoo administrators are not concerned: they may grant themselves any right.
        """
        return (
            not self.env.su
            and not self.env.user.has_group("base.group_system")
            and any(self.env.user.has_group(group) for group in STAFF_GROUPS)
        )

    def _beneficiary_token_error(self):
        return AccessError(
            self.env._(
                "The personal links of survey answers are not shown to beneficiary relations staff."
            )
        )

    def check_field_access_rights(self, operation, field_names):
        """The token is refused to staff as if it had field ``groups``.

        Asked alone (``record.access_token`` through ``_fetch_field``, ``read`` or
        ``web_read`` of it, a domain or ``groupby`` on it through ``_field_to_sql``), it
        raises; in a list of fields (prefetching, ``read()`` of several fields) it is left
        out, so that reading the other fields works and the token never reaches the cache.
        """
        if self._beneficiary_token_hidden():
            if field_names and list(field_names) == ["access_token"]:
                raise self._beneficiary_token_error()
            if field_names:
                field_names = [name for name in field_names if name != "access_token"]
        result = super().check_field_access_rights(operation, field_names)
        if self._beneficiary_token_hidden():
            result = [name for name in result if name != "access_token"]
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        # Exports read values from the cache, where server code may have put the token.
        if self._beneficiary_token_hidden() and any(
            path and path[0] == "access_token" for path in fields
        ):
            raise self._beneficiary_token_error()
        return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

    def _mark_done(self):
        res = super()._mark_done()
        # sudo: the answer was submitted with its token; only its request's score
        for answer in self.sudo().filtered("support_request_id"):
            if not answer.test_entry:
                answer.support_request_id._satisfaction_record(answer._satisfaction_score())
        return res

    def _satisfaction_score(self):
        """Satisfaction in percent: the mean of the rated questions answered.

        A question is rated when its choices carry different scores (e.g. 1 to 5, or
        yes 1 / no 0); each answer is placed between its question's lowest and highest
        score (0 % to 100 %). Unrated questions (channel used, comment) do not count;
        ``None`` when no rated question was answered.
        """
        self.ensure_one()
        ratios = []
        for line in self.user_input_line_ids.filtered(
            lambda line: line.answer_type == "suggestion" and line.suggested_answer_id
        ):
            scores = line.question_id.suggested_answer_ids.mapped("answer_score")
            low, high = min(scores), max(scores)
            if high > low:
                ratios.append((line.suggested_answer_id.answer_score - low) / (high - low))
        return round(100.0 * sum(ratios) / len(ratios), 1) if ratios else None


class SurveyUserInputLine(models.Model):
    _name = "survey.user_input.line"
    _inherit = ["survey.user_input.line", "beneficiary.answer.restriction"]

    _beneficiary_request_path = "user_input_id.support_request_id"
