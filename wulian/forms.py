"""Form bases: every choice list is cut to the user's scope, so a forged value is rejected."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.choices import RegionLevel
from wulian.models import Region


def restrict_choice_fields(form: forms.BaseForm, user) -> None:
    """Cut every model choice field whose model has a scope rule to what ``user`` may see."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None or user is None:
            continue
        if hasattr(queryset, "restrict"):
            field.queryset = queryset.restrict(user, "view")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):  # noqa: A002 - Django's own name
        super().__init__(attrs=attrs, format=format)


class ScopedModelForm(forms.ModelForm):
    """A model form that knows its user and offers only in-scope choices."""

    # Levels a region field of this form accepts, e.g. {"region": [RegionLevel.COMMUNITY]}.
    region_levels: dict[str, list[int]] = {}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        restrict_choice_fields(self, user)
        for name, levels in self.region_levels.items():
            if name in self.fields:
                self.fields[name].queryset = self.fields[name].queryset.filter(level__in=levels)
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and not isinstance(field.widget, forms.HiddenInput):
                field.widget = DateInput()
        self.helper = FormHelper()
        self.helper.form_tag = False


class RegionChoiceField(forms.ModelChoiceField):
    """Regions shown with their path, e.g. 首善街道/滨河社区, so equal names can be told apart."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Region.objects.all())
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return f"{'—' * max(obj.level - RegionLevel.COUNTY, 0)} {obj.name}".strip()


class RegionForm(ScopedModelForm):
    parent = RegionChoiceField(label=_("parent region"), required=False)

    class Meta:
        model = Region
        fields = ["name", "level", "code", "kind", "population"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = self.fields["parent"].queryset.filter(level__lt=RegionLevel.COMMUNITY)
        if self.instance.pk:
            # Moving a region changes everyone's scope; that is an administrator's job in Django admin.
            del self.fields["parent"]
        else:
            self.fields["parent"].required = not (self.user and self.user.is_superuser)
            self.order_fields(["parent", "name", "level"])

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("parent") if "parent" in self.fields else self.instance.parent
        level = cleaned.get("level")
        if level:
            probe = Region(name=cleaned.get("name") or "", level=level, kind=cleaned.get("kind") or "")
            try:
                probe.validate_level(parent)
            except forms.ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        self.add_error(field if field in self.fields else None, message)
        return cleaned

    def save(self, commit=True):
        if self.instance.pk:
            return super().save(commit)
        parent = self.cleaned_data.get("parent")
        instance = self.instance
        if parent is None:
            return Region.objects.add_root(instance=instance)
        return Region.objects.add_child(parent, instance=instance)
