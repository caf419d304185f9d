"""Choosers over the evidence libraries for articles.

They are the article app's own (``register_widget = False``), so they do not
take over the widgets the evidence app gives its source and claim fields.
"""

from wagtail.admin.views.generic.chooser import ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from articles.citations import short_label


class CitationChosenView(ChosenView):
    def get_chosen_response_data(self, item):
        # "title" is the text Draftail inserts when nothing was selected.
        return {**super().get_chosen_response_data(item), "title": short_label(item)}


class SourceCitationChooserViewSet(ChooserViewSet):
    """The modal that inline citations open: a searchable list of sources."""

    model = "evidence.Source"
    icon = "doc-full"
    choose_one_text = "Choose a source to cite"
    chosen_view_class = CitationChosenView
    # The evidence app owns the widget for source fields; this chooser only
    # serves the rich text entity.
    register_widget = False
    per_page = 20


source_citation_chooser_viewset = SourceCitationChooserViewSet(
    "citation_source_chooser"
)


class ClaimChooserViewSet(ChooserViewSet):
    """Claims for the article claim block; the block shows a claim only while
    it is approved, so drafts may be chosen ahead of their approval."""

    model = "evidence.Claim"
    icon = "tick-inverse"
    choose_one_text = "Choose a claim"
    choose_another_text = "Choose another claim"
    register_widget = False
    per_page = 20


claim_chooser_viewset = ClaimChooserViewSet("article_claim_chooser")
