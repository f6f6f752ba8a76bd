"""The generic action views: POST only (CSRF-checked like every POST), one transition of one or several rows.

``object_urls`` adds both for every model that declares a ``workflow``: ``<prefix>/<pk>/actions/<name>/`` and
``<prefix>/actions/<name>/`` (the rows' ids as ``pk`` values). Everything else happens in
``wulian.workflow.perform``: scope, lock, state, guard, method, write path, log.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from wulian.views.generic import ScopedView
from wulian.workflow import perform
from wulian.writes import Refused


class ActionView(ScopedView):
    """Take one action on one record and go back to its page (or to ``next``)."""

    http_method_names = ["post"]
    action = "change"

    def transition(self, name):
        transition = self.model.workflow.get(name)
        if transition is None:
            raise Http404
        if not transition.allows(self.request.user, self.model):
            raise PermissionDenied
        return transition

    def post(self, request, pk, name):
        transition = self.transition(name)
        try:
            obj = perform(request.user, self.model, pk, name, reason=request.POST.get("reason", ""))
        except self.model.DoesNotExist:
            raise Http404 from None
        except Refused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("%(action)s: “%(object)s” is now “%(state)s”.")
                % {"action": transition.label, "object": obj, "state": obj.state_label()},
            )
        return redirect(self.next_url(reverse(self.model.url_name("detail"), args=[pk])))

    def next_url(self, default: str) -> str:
        target = self.request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return default


class BulkActionView(ActionView):
    """Take one action on several records (each in its own transaction); say how many and why not the rest."""

    def post(self, request, name):
        transition = self.transition(name)
        ids = sorted({int(v) for v in request.POST.getlist("pk") if v.isdigit()})
        reason = request.POST.get("reason", "")
        done = 0
        refusals: dict[str, int] = {}
        for pk in ids:
            try:
                perform(request.user, self.model, pk, name, reason=reason)
                done += 1
            except self.model.DoesNotExist:
                refusals[_("not in your area")] = refusals.get(_("not in your area"), 0) + 1
            except Refused as exc:
                refusals[exc.message] = refusals.get(exc.message, 0) + 1
        if done:
            messages.success(request, _("%(action)s: %(count)d records.") % {"action": transition.label, "count": done})
        if not ids:
            messages.warning(request, _("Select the records first."))
        for message, count in refusals.items():
            messages.error(request, _("%(count)d records were not changed: %(reason)s") % {"count": count, "reason": message})
        try:
            default = reverse(self.model.url_name("list"))
        except Exception:  # noqa: BLE001 - a model without a list page
            default = reverse("home")
        return redirect(self.next_url(default))
