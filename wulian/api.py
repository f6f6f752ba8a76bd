"""REST API base: the same scope rule as the pages.

A model's API is a serializer and a ``ScopedViewSet`` subclass; querysets come from
``restrict(user, action)``, related-object choices are cut to the user's scope (a forged id is a
validation error), and a saved object is re-checked against the scope inside the transaction.
"""

from __future__ import annotations

from django.db import transaction
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.routers import DefaultRouter

from wulian.models.base import user_can

ACTION_MAP = {
    "list": "view",
    "retrieve": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
}


class ScopedPermission(permissions.BasePermission):
    """The role may take this action on the model at all; rows are then cut by ``restrict``."""

    def has_permission(self, request, view):
        action = ACTION_MAP.get(view.action, "view")
        if action == "add":
            return user_can(request.user, view.queryset.model, "add")
        # For the other actions an object outside the queryset answers 404, like the pages.
        return user_can(request.user, view.queryset.model, "view")


class ScopedSerializer(serializers.ModelSerializer):
    """Related fields offer only what the requesting user may see."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None:
            return
        for field in self.fields.values():
            related = getattr(field, "child_relation", field)
            queryset = getattr(related, "queryset", None)
            if queryset is not None and hasattr(queryset, "restrict"):
                related.queryset = queryset.restrict(user, "view")


class ScopedViewSet(viewsets.ModelViewSet):
    permission_classes = [permissions.IsAuthenticated, ScopedPermission]

    def get_queryset(self):
        action = ACTION_MAP.get(self.action, "view")
        return self.queryset.all().restrict(self.request.user, action)

    def _check_saved(self, instance, action):
        model = type(instance)
        if not model.objects.restrict(self.request.user, action).filter(pk=instance.pk).exists():
            raise ValidationError({"detail": "该记录将超出您的管辖范围，未保存。"})

    def perform_create(self, serializer):
        with transaction.atomic():
            instance = serializer.save()
            self._check_saved(instance, "add")

    def perform_update(self, serializer):
        with transaction.atomic():
            instance = serializer.save()
            self._check_saved(instance, "change")

    def perform_destroy(self, instance):
        if not type(instance).objects.restrict(self.request.user, "delete").filter(pk=instance.pk).exists():
            raise PermissionDenied
        instance.delete()


router = DefaultRouter()
