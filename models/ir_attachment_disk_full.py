import contextlib
import logging
import os

from odoo import models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


def _write_file(full_path, bin_value):
    with open(full_path, "wb") as stream:
        stream.write(bin_value)


class IrAttachment(models.Model):
    """A full or failing filestore refuses the file instead of losing it (issue 21).

    Odoo's ``_file_write`` logs a failed write and carries on: the attachment, and the
    beneficiary's document holding it, are committed with their file missing or cut short
    (the fault run of scripts/faults.sh found documents without their file after the
    filestore's disk filled). Here the write either stores the whole file or raises a
    clear error that rolls the record back; a file cut short by such an earlier write
    is written again when the same content comes back (same checksum, same path).
    """

    _inherit = "ir.attachment"

    def _file_write(self, bin_value, checksum):
        full_path = self._full_path(checksum[:2] + "/" + checksum)
        if os.path.isfile(full_path) and os.path.getsize(full_path) != len(bin_value):
            # Cut short by an earlier failed write: the name is the checksum of the whole
            # content, so the file is written again (Odoo would call it a collision).
            self._write_or_refuse(full_path, bin_value)
        fname, full_path = self._get_path(bin_value, checksum)
        if not os.path.exists(full_path):
            self._write_or_refuse(full_path, bin_value)
            # In case the transaction aborts, the garbage collector removes the file.
            self._mark_for_gc(fname)
        return fname

    def _write_or_refuse(self, full_path, bin_value):
        try:
            _write_file(full_path, bin_value)
        except OSError as error:
            with contextlib.suppress(OSError):
                os.unlink(full_path)
            _logger.warning(
                "The filestore refused a file of %s bytes (%s): nothing was recorded",
                len(bin_value),
                error.strerror or error,
            )
            raise UserError(
                self.env._(
                    "The file could not be saved: the server's storage is full or "
                    "unavailable. Nothing was recorded: please try again later."
                )
            ) from error
