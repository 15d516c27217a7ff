import ast
import base64
import errno
import os
import subprocess
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from ..models import ir_attachment_disk_full
from .common_portal import PDF_BYTES, PortalCommon

FULL = OSError(errno.ENOSPC, "No space left on device")


@tagged("post_install", "-at_install", "br_production")
class TestFilestoreFull(PortalCommon):
    """A full filestore (issue 21, scripts/faults.sh): a clear error, nothing half-made."""

    def setUp(self):
        super().setUp()
        self.authenticate(self.user_a.login, self.user_a.login)

    def pending_documents(self):
        return self.file_a.document_ids.filtered(lambda d: d.state == "pending")

    def test_upload_refused_clearly_then_accepted_once_space_is_back(self):
        # A file the filestore does not hold yet (a known one needs no write).
        content = PDF_BYTES + b"\n% " + os.urandom(16).hex().encode()
        with patch.object(ir_attachment_disk_full, "_write_file", side_effect=FULL):
            response = self.upload(self.open_a, self.doc_disability_report, content=content)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("upload=done", response.url)
        self.assertIn("storage is full or unavailable", response.text)
        # No document without its file, no note about a document that is not there.
        self.assertFalse(self.pending_documents())
        self.assertFalse(self.open_a.message_ids.filtered(lambda m: "report.pdf" in (m.body or "")))
        # The disk has room again: the same upload goes through, nothing else to do.
        response = self.upload(self.open_a, self.doc_disability_report, content=content)
        self.assertIn("upload=done", response.url)
        document = self.pending_documents()
        self.assertEqual(len(document), 1)
        self.assertEqual(base64.b64decode(document.file), content)

    def test_attachment_not_created_when_the_write_fails(self):
        Attachment = self.env["ir.attachment"]
        raw = os.urandom(64)
        with (
            patch.object(ir_attachment_disk_full, "_write_file", side_effect=FULL),
            self.assertRaisesRegex(UserError, "storage is full"),
        ):
            Attachment.create({"name": "full.bin", "raw": raw})
        self.assertFalse(Attachment.search([("name", "=", "full.bin")]))

    def test_file_cut_short_earlier_is_written_again(self):
        """A file cut short by a full disk (before this fix) is not reused as it is."""
        Attachment = self.env["ir.attachment"]
        raw = os.urandom(4096)
        first = Attachment.create({"name": "first.bin", "raw": raw})
        path = Attachment._full_path(first.store_fname)
        with open(path, "r+b") as stream:
            stream.truncate(100)
        second = Attachment.create({"name": "second.bin", "raw": raw})
        self.assertEqual(second.store_fname, first.store_fname)
        self.assertEqual(os.path.getsize(path), 4096)
        first.invalidate_recordset(["raw"])
        self.assertEqual(first.raw, raw)


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@tagged("post_install", "-at_install", "br_production")
class TestLoadScripts(TransactionCase):
    """The production, load and fault scripts stay runnable (they run outside the tests)."""

    def test_shell_scripts_parse(self):
        for name in ("run.sh", "prod.sh", "load.sh", "faults.sh", "load/lib.sh"):
            with self.subTest(script=name):
                result = subprocess.run(
                    ["bash", "-n", os.path.join(ROOT, "scripts", name)],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                self.assertEqual(result.returncode, 0, result.stderr)

    def test_load_python_parses(self):
        folder = os.path.join(ROOT, "scripts", "load")
        for name in sorted(os.listdir(folder)):
            if name.endswith(".py"):
                with self.subTest(file=name), open(os.path.join(folder, name)) as source:
                    ast.parse(source.read(), name)

    def test_the_test_command_runs_no_load(self):
        with open(os.path.join(ROOT, "scripts", "test.sh")) as script:
            text = script.read()
        for word in ("load.sh", "faults.sh", "locust"):
            self.assertNotIn(word, text)
