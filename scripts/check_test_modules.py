"""Odoo's own runner and pytest-odoo must run the same tests.

Odoo's runner (``odoo-bin --test-enable``, what OCA's CI and runbot use) runs only the
test modules that ``tests/__init__.py`` imports, and of each class only the ``test*``
methods it defines itself, selected by the class's tags; pytest-odoo collects every
``tests/test_*.py`` file and its ``Test*`` classes. Read without importing anything (it
takes well under a second), this checks that both see the same modules and classes:

- every ``tests/test_*.py`` file is imported by ``tests/__init__.py`` and nothing else is;
- every class of a test module that defines ``test*`` methods, or whose name starts with
  ``Test``, is named ``Test*`` (pytest's rule) and is tagged ``@tagged(...)`` with exactly
  one of ``post_install`` / ``at_install`` (Odoo's rule);
- no ``Test*`` class relies on test methods inherited from another test class (Odoo's
  runner would skip them).

Prints "test modules: N modules, N classes seen by both runners" or the differences,
and exits 1 on any.
"""

import ast
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"


def imported_modules(init):
    names = set()
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.level == 1 and not node.module:
            names.update(alias.name for alias in node.names)
    return names


def tags_of(cls):
    for deco in cls.decorator_list:
        if (
            isinstance(deco, ast.Call)
            and getattr(deco.func, "id", getattr(deco.func, "attr", None)) == "tagged"
        ):
            return {arg.value for arg in deco.args if isinstance(arg, ast.Constant)}
    return None


def own_tests(cls):
    return [
        node.name
        for node in cls.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test")
    ]


def main():
    problems = []
    files = {path.stem: path for path in sorted(TESTS.glob("test_*.py"))}
    imported = imported_modules(TESTS / "__init__.py")
    for name in sorted(set(files) - imported):
        problems.append(
            f"tests/{name}.py is not imported by tests/__init__.py: "
            f"Odoo's runner would skip it (add 'from . import {name}')"
        )
    for name in sorted(imported - set(files)):
        problems.append(f"tests/__init__.py imports {name}, which is not a tests/test_*.py file")

    classes = {}
    for name, path in files.items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                classes[node.name] = (f"tests/{name}.py", node)
    test_classes = 0
    for cls_name, (where, node) in classes.items():
        tests = own_tests(node)
        if not tests and not cls_name.startswith("Test"):
            continue  # a common base class or helper: neither runner runs it
        test_classes += 1
        if not cls_name.startswith("Test"):
            problems.append(
                f"{where}: class {cls_name} has tests but pytest-odoo collects only "
                "classes named Test*"
            )
        tags = tags_of(node)
        if tags is None:
            problems.append(
                f"{where}: class {cls_name} has no @tagged(...) decorator "
                '(use @tagged("post_install", "-at_install"))'
            )
        elif ("post_install" in tags) == ("at_install" in tags):
            problems.append(
                f"{where}: class {cls_name} must be tagged with exactly one of "
                "post_install / at_install"
            )
        bases = [getattr(base, "id", None) for base in node.bases]
        inherited = [b for b in bases if b in classes and own_tests(classes[b][1])]
        if inherited:
            problems.append(
                f"{where}: class {cls_name} inherits the tests of {', '.join(inherited)}: "
                "Odoo's runner runs only the test methods a class defines itself"
            )
    if problems:
        print("test modules: Odoo's runner and pytest-odoo would not run the same tests:")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print(f"test modules: {len(files)} modules, {test_classes} classes seen by both runners")
    return 0


if __name__ == "__main__":
    sys.exit(main())
