"""``{% account_help %}``: whom to ask for a new password without an email address."""

from django import template

from accounts.password_reset import account_help as help_for_host

register = template.Library()


@register.inclusion_tag("accounts/account_help.html", takes_context=True)
def account_help(context):
    return help_for_host(context.get("request"))
