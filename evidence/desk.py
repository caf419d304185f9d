"""The reviewer's desk: deciding a review without editing anything.

A compliance (or medical) reviewer reaches a page or claim editor only
because the review task lets them in (``user_can_access_editor``); they hold
no permission to change it. Wagtail's editor, asked for a workflow action,
first saves the posted form as a new revision by whoever posts it, then
acts. For a reviewer that would record an edit they never made, make them
the author of what they approve (so the four-eyes rule refuses them), and
then send them to a page they may not see.

So, through Wagtail's ``before_edit_page`` / ``before_edit_snippet`` hooks,
a reviewer's workflow action is performed on the task state directly
(``Task.on_action``, with the data the action's own form validated), without
any save; a refusal comes back as a message on the same editor; anything
else a reviewer posts there (a save, an autosave) is refused, since a
reviewer who wants a change asks for it with a reason.
"""

import json

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from evidence.models import ReviewRefused, ReviewTask

WORKFLOW_ACTION = "action-workflow-action"
SAVE_ACTIONS = ("action-save-draft", "action-save")  # the page and snippet editors


def may_change(user, obj):
    """Whether ``user`` may change ``obj`` by their own permissions, not
    through a review task that lets them into the editor."""
    if user.is_superuser:
        return True
    if isinstance(obj, Page):
        return PagePermissionPolicy().user_has_permission_for_instance(
            user, "change", obj
        )
    opts = type(obj)._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def available_actions(task_state, obj, user):
    """``{name: needs_form}`` of what ``user`` may do in ``task_state``."""
    if task_state is None:
        return {}
    task = task_state.task.specific
    actions = {}
    for name, _label, modal in task.get_actions(obj, user):
        actions[name] = actions.get(name, False) or modal
    return actions


def unavailable_reason(task_state, obj, user, action):
    """Why ``action`` is not offered to ``user``: for an approval, what the
    review's rules say (the reviewer wrote it, it has errors)."""
    task = task_state.task.specific if task_state is not None else None
    if (
        action == "approve"
        and isinstance(task, ReviewTask)
        and (reason := task.approval_refusal(obj, user))
    ):
        return f"Nothing was decided: {reason}"
    return (
        "That review step is no longer open to you: it may have been "
        "decided or withdrawn since you opened this page."
    )


def posted_action_data(request):
    try:
        data = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def decide(request, obj, task_state, action, data):
    """Perform ``action`` on ``task_state`` as the request's user with the
    data the task's form for it accepts. Returns ``(done, form)``: the form
    carries the errors (a refusal of the rules among them) when not done."""
    task = task_state.task.specific
    form = task.get_form_for_action(action)(data)
    if not form.is_valid():
        return False, form
    try:
        task.on_action(task_state, request.user, action, **form.cleaned_data)
    except ReviewRefused as refusal:
        field = getattr(refusal, "field", None)
        form.add_error(field if field in form.fields else None, str(refusal))
        return False, form
    return True, form


def decision_message(obj, action):
    name = f"“{obj.get_admin_display_title() if isinstance(obj, Page) else obj}”"
    if action == "approve":
        obj.refresh_from_db()
        if obj.current_workflow_state is not None:
            return f"{name} approved; it goes on to the next review step."
        return f"{name} approved and published."
    if action == "reject":
        return f"Changes requested on {name}; the editor has been sent your reason."
    return f"{name}: done."


def form_error_text(form):
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def act_without_editing(request, obj, edit_url):
    """The ``before_edit_*`` hook: None unless a reviewer who may not change
    ``obj`` posts to its editor."""
    if request.method != "POST" or may_change(request.user, obj):
        return None
    if WORKFLOW_ACTION not in request.POST:
        messages.error(
            request,
            "Not saved: reviewers do not change what they review. Approve it, "
            "or request changes and say what must change.",
        )
        return redirect(edit_url)
    task_state = obj.current_workflow_task_state
    action = request.POST.get("workflow-action-name", "")
    if action not in available_actions(task_state, obj, request.user):
        messages.error(
            request, unavailable_reason(task_state, obj, request.user, action)
        )
        return redirect(edit_url)
    done, form = decide(request, obj, task_state, action, posted_action_data(request))
    if not done:
        messages.error(request, f"Nothing was decided: {form_error_text(form)}")
        return redirect(edit_url)
    messages.success(request, decision_message(obj, action))
    return redirect(
        get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
    )


def without_save_for_reviewers(menu_items, request, context):
    """``construct_*_action_menu``: a reviewer's editor offers the review's
    decisions, not "Save draft" (their saves are refused anyway)."""
    obj = context.get("page") or context.get("instance")
    if obj is None or context.get("view") != "edit":
        return
    if may_change(request.user, obj):
        return
    menu_items[:] = [item for item in menu_items if item.name not in SAVE_ACTIONS]
