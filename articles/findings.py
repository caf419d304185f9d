"""Editorial findings for an article body: warnings for the editor, never blocking.

A sentence that states a benefit ("helps", "reduces", "relieves", "improves",
"eases") needs a citation in the same paragraph; a sentence the evidence
app's disease-language rule flags is reported as it is.
"""

import re
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.text import Truncator

from articles.citations import cited_ids
from evidence import compliance

BENEFIT_RE = re.compile(
    r"\b(help(s|ed|ing)?|(reduc|reliev|improv|eas)(e|es|ed|ing))\b", re.IGNORECASE
)
PARAGRAPH_RE = re.compile(r"<(p|li|h[1-6]|blockquote)\b[^>]*>(.*?)</\1>", re.DOTALL)
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[\"“(A-Z0-9])")


def sentences(text):
    text = " ".join(text.split())
    return [s for s in SENTENCE_END_RE.split(text) if s]


def paragraphs(html):
    """The paragraphs of a rich text's database HTML (list items count as one each)."""
    found = [match.group(2) for match in PARAGRAPH_RE.finditer(html or "")]
    return found or ([html] if html and html.strip() else [])


def quote(sentence):
    return f"“{Truncator(sentence).chars(120)}”"


def disease_language(text):
    """The evidence app's disease-language rule, on a sentence of an article."""
    return compliance.disease_language_in_text(text, field="body")


def paragraph_findings(html):
    """Findings for one paragraph of database HTML."""
    cited = bool(cited_ids(html))
    findings = []
    for sentence in sentences(unescape(strip_tags(html))):
        if not cited and BENEFIT_RE.search(sentence):
            findings.append(
                compliance.Finding(
                    "uncited-benefit",
                    compliance.WARNING,
                    f"{quote(sentence)} states a benefit but its paragraph cites no "
                    "source. Cite one, or soften the wording.",
                    "body",
                )
            )
        findings += disease_language(sentence)
    return findings


def text_findings(html):
    return [f for paragraph in paragraphs(html) for f in paragraph_findings(paragraph)]


def body_texts(body):
    """The prose of a body, block by block: rich text, FAQ answers, takeaways."""
    for block in body:
        if block.block_type == "paragraph":
            yield block.value.source
        elif block.block_type == "faq":
            yield from (item["answer"].source for item in block.value["items"])
        elif block.block_type == "key_takeaways":
            yield from (f"<p>{escape(item)}</p>" for item in block.value["items"])


def article_findings(page):
    return [f for html in body_texts(page.body) for f in text_findings(html)]
