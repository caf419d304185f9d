from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.rich_text.editors.draftail import features as draftail_features
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from articles import citations, rich_text
from articles.choosers import claim_chooser_viewset, source_citation_chooser_viewset
from articles.models import ArticlePage, Person
from articles.protection import citing_articles
from articles.views import ReviewDueView
from evidence.models import Source
from evidence.page_listings import ReviewedPageListingViewSet


class ArticlePageListingViewSet(ReviewedPageListingViewSet):
    model = ArticlePage
    icon = "doc-full"
    menu_label = "Articles"
    menu_order = 220
    name = "article_pages"


@hooks.register("register_admin_viewset")
def register_article_page_listing():
    return ArticlePageListingViewSet()


@hooks.register("register_rich_text_features")
def register_citation_feature(features):
    features.register_link_type(rich_text.CitationLinkHandler)
    features.register_editor_plugin(
        "draftail",
        citations.FEATURE,
        draftail_features.EntityFeature(
            {
                "type": citations.ENTITY_TYPE,
                "icon": "doc-full",
                "description": "Cite a source for the selected words",
                "chooserUrls": {
                    "citationChooser": reverse_lazy("citation_source_chooser:choose")
                },
            },
            js=["wagtailadmin/js/chooser-modal.js", "articles/js/citation-entity.js"],
        ),
    )
    features.register_converter_rule(
        "contentstate", citations.FEATURE, rich_text.CONTENTSTATE_RULE
    )


@hooks.register("register_admin_viewset")
def register_citation_chooser():
    return source_citation_chooser_viewset


@hooks.register("register_admin_viewset")
def register_claim_chooser():
    return claim_chooser_viewset


@hooks.register("register_admin_urls")
def register_review_due_report_urls():
    return [
        path(
            "reports/articles-review-due/",
            ReviewDueView.as_view(),
            name="articles_review_due",
        ),
        path(
            "reports/articles-review-due/results/",
            ReviewDueView.as_view(results_only=True),
            name="articles_review_due_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_due_report_menu_item():
    return MenuItem(
        "Articles due for review",
        reverse("articles_review_due"),
        icon_name="date",
        order=750,
    )


@hooks.register("before_delete_snippet")
def refuse_deleting_cited_source(request, instances):
    """The admin path: say which articles cite the source instead of deleting it."""
    sources = [obj for obj in instances if isinstance(obj, Source)]
    cited = {source: citing_articles(source) for source in sources}
    cited = {source: pages for source, pages in cited.items() if pages}
    if not cited:
        return None
    for source, pages in cited.items():
        titles = ", ".join(f"“{page.title}”" for page in pages)
        messages.error(
            request,
            f"“{source}” cannot be deleted: it is cited in {titles}. "
            "Remove those citations first.",
        )
    return redirect(request.META.get("HTTP_REFERER") or "wagtailadmin_home")


class PersonViewSet(SnippetViewSet):
    """Authors and medical reviewers shown in bylines."""

    model = Person


register_snippet(PersonViewSet)
