"""API of the funding app: budget lines (read and write, the sums read-only), the ledger (read, post, reverse;
never update or delete: 405) and tranche payments. A posting takes an ``Idempotency-Key`` header: the same
key posts once and answers the entry already posted."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from wulian.api import ScopedSerializer, ScopedViewSet, refusals_as_api_errors, router
from wulian.models.base import user_can

from . import ledger
from .choices import MANUAL_KINDS
from .filtersets import BudgetLineFilterSet, DonationFilterSet, EntryFilterSet
from .models import BudgetLine, Donation, Entry

IDEMPOTENCY = OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False,
                               description="The same key posts once (a retried request answers the first entry).")


def _key(request, what: str) -> str | None:
    key = request.headers.get("Idempotency-Key", "").strip()[:60]
    return f"api:{what}:{request.user.pk}:{key}" if key else None


class BudgetLineSerializer(ScopedSerializer):
    available = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    class Meta:
        model = BudgetLine
        fields = ["id", "source", "year", "region", "purpose", "station", "project", "category", "note", "budget",
                  "committed", "spent", "available"]
        read_only_fields = ["region", "budget", "committed", "spent"]


class BudgetLineViewSet(ScopedViewSet):
    """Budget lines in your scope: source, budget year, what they fund, and their sums from the ledger."""

    queryset = BudgetLine.objects.select_related("region", "source")
    serializer_class = BudgetLineSerializer
    filterset_class = BudgetLineFilterSet

    def save_kwargs(self, serializer):
        return {"created_by": self.request.user} if serializer.instance is None else {}


class EntrySerializer(ScopedSerializer):
    class Meta:
        model = Entry
        fields = ["id", "number", "line", "kind", "amount", "date", "project", "milestone", "voucher_number",
                  "voucher_date", "reverses", "reason", "note"]
        read_only_fields = ["number", "project", "milestone", "voucher_number", "voucher_date", "reverses", "reason"]

    def validate_kind(self, value):
        if value not in MANUAL_KINDS:
            raise serializers.ValidationError("此类分录不能手工登记。")
        return value

    def validate(self, attrs):
        return attrs  # the ledger checks the posting under its locks


class ReverseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class PaySerializer(serializers.Serializer):
    voucher_number = serializers.CharField(max_length=40)
    voucher_date = serializers.DateField()


class EntryViewSet(ScopedViewSet):
    """The ledger: entries are posted and reversed, never changed or deleted."""

    queryset = Entry.objects.select_related("line")
    serializer_class = EntrySerializer
    filterset_class = EntryFilterSet
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(parameters=[IDEMPOTENCY])
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not BudgetLine.objects.restrict(request.user, "change").filter(pk=data["line"].pk).exists():
            raise PermissionDenied
        with refusals_as_api_errors():
            entry = ledger.post_one(request.user, data["line"], data["kind"], data["amount"],
                                    key=_key(request, "entry"), date=data.get("date"), note=data.get("note", ""))
        return Response(self.get_serializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReverseSerializer, parameters=[IDEMPOTENCY], responses={201: EntrySerializer})
    @action(detail=True, methods=["post"])
    def reverse(self, request, pk=None):
        entry = self.get_object()
        payload = ReverseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        if not user_can(request.user, Entry, "reverse"):
            raise PermissionDenied
        with refusals_as_api_errors():
            fix = ledger.reverse(request.user, entry.pk, payload.validated_data["reason"], key=_key(request, "rev"))
        return Response(self.get_serializer(fix).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PaySerializer, parameters=[IDEMPOTENCY], responses={201: EntrySerializer})
    @action(detail=False, methods=["post"], url_path=r"pay/(?P<milestone>[^/.]+)")
    def pay(self, request, milestone=None):
        """Record the payment of a confirmed milestone (the payer: bureau staff other than the confirmer)."""
        from projects.models import Milestone

        if not user_can(request.user, Entry, "pay"):
            raise PermissionDenied
        if not str(milestone).isdigit() or not Milestone.objects.restrict(request.user, "view").filter(pk=milestone).exists():
            raise NotFound
        payload = PaySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        with refusals_as_api_errors():
            entry = ledger.pay_milestone(request.user, int(milestone), key=_key(request, f"pay:{milestone}"),
                                         **payload.validated_data)
        return Response(self.get_serializer(entry).data, status=status.HTTP_201_CREATED)


class DonationSerializer(ScopedSerializer):
    class Meta:
        model = Donation
        fields = ["id", "number", "donor_kind", "donor_name", "donor_contact", "consent_to_publish", "form",
                  "amount", "line", "goods_description", "goods_quantity", "goods_unit", "goods_value",
                  "received_on", "receipt_number", "receipt_waived", "restricted", "intended_use",
                  "use_change_consent", "use_change_consent_on", "region", "project", "station", "entry", "note"]
        read_only_fields = ["number", "entry"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if "donor_name" in data:
            data["donor_name"] = instance.donor_shown()
        return data

    def validate_line(self, value):
        user = self.context["request"].user
        if value is not None and not BudgetLine.objects.restrict(user, "view").filter(pk=value.pk).exists():
            raise serializers.ValidationError("请选择您范围内的预算项目。")
        return value


class DonationViewSet(ScopedViewSet):
    """Donations received in your scope; a money donation with a budget line is posted on it as a donation
    entry (once). An individual donor's name is masked unless the donor consented to be named."""

    queryset = Donation.objects.select_related("region", "line", "entry")
    serializer_class = DonationSerializer
    filterset_class = DonationFilterSet

    def save_kwargs(self, serializer):
        return {"recorded_by": self.request.user} if serializer.instance is None else {}

    def perform_create(self, serializer):
        from auditlog.context import set_actor

        from wulian import writes

        def save():
            donation = serializer.save(**self.save_kwargs(serializer))
            ledger.post_donation(self.request.user, donation)
            return donation

        with set_actor(self.request.user), refusals_as_api_errors():
            writes.write(self.request.user, "add", save)


router.register("funding/donations", DonationViewSet, basename="donation")
router.register("funding/lines", BudgetLineViewSet, basename="budgetline")
router.register("funding/entries", EntryViewSet, basename="entry")

# Charity resources (社区基金, 募捐项目, 慈善超市, disclosures): funding/charity/api.py registers them.
from .charity import api as _charity_api  # noqa: E402, F401
