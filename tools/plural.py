"""Counted phrases ("within 5 days") in the grammar of the reader's language.

Odoo's translations have no plural forms, and Arabic needs six: a number changes the
noun after it (يوم واحد، يومان، ٣ أيام، ١٥ يومًا، ١٠٠ يوم). A translatable text carries
its forms separated by ``|``, in the order of the language's plural categories (Unicode
CLDR): English ``one|other``, Arabic ``zero|one|two|few|many|other``. The source text is
English; an Arabic translation gives the six forms. Each form may use ``%(count)s``.

    plural(env, days, env._("Within %(count)s day.|Within %(count)s days."))
"""

# The categories of each language, in the order its forms are written.
ORDERS = {
    "ar": ("zero", "one", "two", "few", "many", "other"),
    "en": ("one", "other"),
}


def _arabic(count):
    if count == 0:
        return "zero"
    if count == 1:
        return "one"
    if count == 2:
        return "two"
    if 3 <= count % 100 <= 10:
        return "few"
    if 11 <= count % 100 <= 99:
        return "many"
    return "other"


def _english(count):
    return "one" if count == 1 else "other"


RULES = {"ar": _arabic, "en": _english}


def plural(env, count, forms):
    """The form of ``forms`` (a translated text, forms separated by ``|``) for ``count``.

    The forms are read by the rule of the language whose number of forms they have, so a
    text not yet translated into the reader's language is read with the English rule."""
    count = int(count or 0)
    parts = forms.split("|")
    lang = (env.lang or "en_US").split("_")[0]
    if len(parts) != len(ORDERS.get(lang, ())):
        lang = next((code for code, order in ORDERS.items() if len(order) == len(parts)), None)
    if lang is None:
        text = parts[-1]
    else:
        text = parts[ORDERS[lang].index(RULES[lang](count))]
    return text % {"count": count} if "%(count)s" in text else text
