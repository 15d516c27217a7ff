from odoo import models
from odoo.exceptions import UserError


class BeneficiaryStateGuard(models.AbstractModel):
    """Refuses an action on records that are not in a state allowing it, naming the state
    in the user's language. Each model words the message (``_state_guard_message``)."""

    _name = "beneficiary.state.guard"
    _description = "Workflow State Guard"

    def _state_guard_message(self, state_label, action):
        """The refusal for ``self`` (one record) in ``state_label`` asked to be ``action``."""
        raise NotImplementedError

    def _check_state(self, allowed, action):
        wrong = self.filtered(lambda record: record.state not in allowed)[:1]
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(wrong._state_guard_message(labels[wrong.state], action))
