from odoo import api, models
from odoo.tools import SQL


class BeneficiaryDeclaration(models.Model):
    """The accepted texts of an anonymised file's declarations (signer, signature, IP and
    browser are erased with the file): a text naming the signer loses the name."""

    # The model is split by concern (see the project's style guide).
    _inherit = "beneficiary.declaration"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _br_erase_for_files(self, erasure):
        erasure.scrub(
            self.env,
            self._name,
            ["text"],
            SQL("beneficiary_id IN %s", tuple(erasure.files.ids)),
        )
