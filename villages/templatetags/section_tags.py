"""``{% section_block block %}``: one block of the home page or the portal (villages.sections)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def section_block(context, block):
    """Render ``block.template`` with the block's context on top of the page's own.

    Like ``{% include %}``, so the block's template sees ``page`` and ``request`` too.
    """
    block_template = context.template.engine.get_template(block.template)
    with context.push(block.context):
        return block_template.render(context)
