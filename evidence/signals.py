"""A change to a cited source sends the claims citing it back to review.

What a shopper reads of a source (its citation, and whether it is
retracted) is part of every citing claim's approval fingerprint, so an edit
already takes those claims out of public view. Revoking their approvals as
well means that undoing the edit (un-retracting, say) does not bring them
back: only a reviewer's new approval does.
"""

from evidence.compliance import source_fingerprint_fields
from evidence.models import Claim, ClaimSource, Source, revoke_approvals


def note_public_change(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance.changed_for_shoppers = False
        return
    before = Source.objects.filter(pk=instance.pk).first()
    instance.changed_for_shoppers = before is not None and (
        source_fingerprint_fields(before) != source_fingerprint_fields(instance)
    )


def send_citing_claims_back_to_review(sender, instance, raw=False, **kwargs):
    if raw or not getattr(instance, "changed_for_shoppers", False):
        return
    citing = ClaimSource.objects.filter(source=instance).values_list("claim_id")
    reason = (
        f"Source {instance.pk} was retracted."
        if instance.retracted
        else f"Cited source {instance.pk} changed."
    )
    revoke_approvals(Claim, {pk for (pk,) in citing}, reason)
