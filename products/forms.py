"""The product page's admin form: the compliance rules on the posted claims."""

from wagtail.admin.forms import WagtailAdminPageForm

from evidence import compliance

# Actions that would put the page in front of the public or a reviewer.
GATED_ACTIONS = ("action-publish", "action-submit")


class ProductPageForm(WagtailAdminPageForm):
    """Wagtail's page editor publishes without calling ``Page.publish()``,
    so the error rules also run here, on the claims being posted, and the
    editor sees why before anything is saved."""

    def clean(self):
        cleaned_data = super().clean()
        if any(action in self.data for action in GATED_ACTIONS):
            for finding in compliance.errors(self.attachment_findings(cleaned_data)):
                self.add_error(None, finding.message)
        return cleaned_data

    def attachment_findings(self, cleaned_data):
        claims_formset = self.formsets["claims"]
        if not claims_formset.is_valid():
            return []
        claims = [
            form.cleaned_data["claim"]
            for form in claims_formset.forms
            if form.cleaned_data.get("claim") and not form.cleaned_data.get("DELETE")
        ]
        per_serving = cleaned_data.get("elemental_mg_per_serving") or 0
        per_day = per_serving * (cleaned_data.get("servings_per_day") or 1)
        return compliance.check_attachments(claims, per_day)
