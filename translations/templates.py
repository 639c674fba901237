"""Wagtail admin templates with texts that were never marked for translation, fixed on load.

A handful of Wagtail's templates write English straight into the HTML (the slim header's
``aria-label="Actions"``, the screen-reader "Search" buttons) or print ``None`` for an empty
value (the user column of the aging-pages report, the side panel's hidden counter). Overriding
whole templates for a word would copy hundreds of lines of Wagtail into the project; instead this
loader reads Wagtail's own template and replaces exactly the listed text, marking it for
translation (the texts exist in Wagtail's catalogue, so our Indonesian already covers them).

Each replacement names text that must occur exactly once in the installed template:
``tests/translations/test_template_texts.py`` fails when a Wagtail upgrade changes one, so the
list is revisited then (and a fix Wagtail made itself can be dropped). At run time a text that
is no longer there is left alone: the admin still renders, only that word stays English.
"""

import re

from django.template.loaders.app_directories import Loader as AppDirectoriesLoader

LOADS_I18N = re.compile(r"\{%\s*load\s[^%]*\bi18n\b")
EXTENDS = re.compile(r"^\s*\{%\s*extends\s[^%]*%\}")

# template name -> [(Wagtail's text, our text)]; a template that does not load i18n gets it.
UNTRANSLATED = {
    "wagtailadmin/shared/headers/_actions.html": [
        ('aria-label="Actions"', 'aria-label="{% translate "Actions" %}"'),
    ],
    "wagtailadmin/shared/header.html": [
        ('value="Search"', 'value="{% translate "Search" %}"'),
    ],
    "wagtailadmin/home.html": [
        ('value="Search"', 'value="{% translate "Search" %}"'),
    ],
    "wagtailadmin/shared/user_avatar.html": [
        ("{{ user }}{% else %}", '{{ user|default_if_none:"" }}{% else %}'),
    ],
    "wagtailadmin/shared/side_panel_toggle.html": [
        ("{{ count|intcomma }}", "{{ count|default_if_none:0|intcomma }}"),
    ],
}


def translate_template(name, contents):
    fixes = UNTRANSLATED.get(name)
    if not fixes:
        return contents
    fixed = contents
    for old, new in fixes:
        if fixed.count(old) == 1:
            fixed = fixed.replace(old, new)
    if fixed == contents or LOADS_I18N.search(fixed):
        return fixed
    # {% extends %} must stay the first tag.
    extends = EXTENDS.match(fixed)
    at = extends.end() if extends else 0
    return fixed[:at] + "{% load i18n %}" + fixed[at:]


class Loader(AppDirectoriesLoader):
    """Django's app-directories loader, with the fixes above applied to Wagtail's templates."""

    def get_contents(self, origin):
        contents = super().get_contents(origin)
        if "/wagtail/" in str(origin.name).replace("\\", "/"):
            return translate_template(origin.template_name, contents)
        return contents
