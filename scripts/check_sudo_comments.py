"""Every ``sudo()`` of the addon's code names the check that covers it (threat model,
principle 5: "sudo() only after a check that covers exactly what it returns").

A call ``.sudo(...)`` in models/, wizard/, controllers/ or tools/ needs a comment
``# sudo: <the check>`` (a few words at least) on its own line, in the comment lines
just above it, or in the comment lines just above the statement it is part of. The
source is read, not imported: this takes well under a second.

    python scripts/check_sudo_comments.py            exit 1 and list the calls without
"""

import ast
import io
import re
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("models", "wizard", "controllers", "tools")
# "# sudo: <reason>" with a reason of three words or more.
REASON = re.compile(r"#\s*sudo:\s*\S+\s+\S+\s+\S+")


def _comments(source):
    """``{line number: comment text}`` of the comments of ``source``."""
    comments = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            comments.setdefault(token.start[0], []).append(token.string)
    return {line: " ".join(texts) for line, texts in comments.items()}


def _block_above(line, comments, lines):
    """The comment lines directly above ``line`` (no blank or code line between)."""
    texts = []
    number = line - 1
    while number >= 1 and number in comments and lines[number - 1].lstrip().startswith("#"):
        texts.append(comments[number])
        number -= 1
    return texts


def _header_end(stmt):
    """Last line of a simple statement, or of the header of a compound one."""
    body = getattr(stmt, "body", None)
    if isinstance(body, list) and body:
        return body[0].lineno - 1
    return stmt.end_lineno


def uncommented(source):
    """Line numbers of the ``sudo()`` calls of ``source`` without a reason comment."""
    tree = ast.parse(source)
    comments = _comments(source)
    lines = source.splitlines()
    statements = [node for node in ast.walk(tree) if isinstance(node, ast.stmt)]
    missing = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "sudo"
        ):
            continue
        line = node.func.end_lineno
        # The innermost statement holding the call (for a compound one, its header).
        holders = [stmt for stmt in statements if stmt.lineno <= line <= _header_end(stmt)]
        start = max((stmt.lineno for stmt in holders), default=line)
        candidates = [comments.get(line, ""), comments.get(node.lineno, "")]
        candidates += _block_above(line, comments, lines)
        candidates += _block_above(start, comments, lines)
        if not any(REASON.search(text) for text in candidates):
            missing.append(line)
    return sorted(set(missing))


def check(root=ROOT):
    """``["path:line", ...]`` of the calls without a reason comment under ``root``."""
    problems = []
    for folder in FOLDERS:
        for path in sorted((Path(root) / folder).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            for line in uncommented(source):
                problems.append("%s:%s" % (path.relative_to(root), line))
    return problems


def main():
    problems = check()
    for problem in problems:
        print(
            "%s: sudo() without a '# sudo: <the check that covers it>' comment" % problem,
            file=sys.stderr,
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
