from wagtail import blocks


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of an article (the article issue fills in its blocks)."""

    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])
