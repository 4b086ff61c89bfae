"""Counts for the opleider's section on the start page (no person data)."""

from django import template

from opleiders.selectors import samenvatting_for_opleider

register = template.Library()


@register.simple_tag(takes_context=True)
def opleiding_samenvatting(context):
    return samenvatting_for_opleider(context["request"].user)
