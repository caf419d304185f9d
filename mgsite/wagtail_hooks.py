from wagtail import hooks

from mgsite.conflicts import refuse_stale_save


@hooks.register("before_edit_page")
def refuse_stale_page_save(request, page):
    return refuse_stale_save(request, page)


@hooks.register("before_edit_snippet")
def refuse_stale_snippet_save(request, instance):
    return refuse_stale_save(request, instance)
