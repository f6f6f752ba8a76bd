"""Form bases: every choice list is cut to the user's scope, so a forged value is rejected."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.choices import RegionLevel
from wulian.models import Region, User
from wulian.pickers import use_picker


def restrict_choice_fields(form: forms.BaseForm, user) -> None:
    """Cut every model choice field whose model has a scope rule to what ``user`` may see."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None or user is None:
            continue
        if hasattr(queryset, "restrict"):
            field.queryset = queryset.restrict(user, "view")


# What an unchosen select reads: "please choose" on a form, "all" in a list's filters (not ``---------``).
FORM_EMPTY_CHOICE = _("Please choose")
FILTER_EMPTY_CHOICE = _("All")


def label_empty_choices(form: forms.BaseForm, label) -> None:
    """Give every select's blank entry ``label`` instead of Django's ``---------``."""
    for field in form.fields.values():
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            continue
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label is not None:
                field.empty_label = label
                field.widget.choices = field.choices
        elif hasattr(field, "empty_label"):
            # django-filter's choice field adds its blank entry itself; keep a filter's own blank entry.
            field.empty_label = None
            has_blank = any(value == "" for value, _label in field.choices)
            field.empty_label = None if has_blank else label
            field.widget.choices = field.choices
        elif isinstance(field, forms.ChoiceField):
            choices = list(field.choices)
            if choices and choices[0][0] in ("", None):
                field.choices = [("", label), *choices[1:]]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):  # noqa: A002 - Django's own name
        super().__init__(attrs=attrs, format=format)


def label_region_fields(form) -> None:
    """A region field declared on a model form (``region = RegionChoiceField()``, for its labels and picker)
    keeps the model field's label and help text unless it names its own."""
    model = getattr(form._meta, "model", None)
    model_fields = {f.name: f for f in model._meta.get_fields() if hasattr(f, "verbose_name")} if model else {}
    for name, field in form.fields.items():
        if isinstance(field, RegionChoiceField) and name in model_fields and field.label is None:
            field.label = model_fields[name].verbose_name
            field.help_text = field.help_text or model_fields[name].help_text


def fix_fields(form, **values) -> None:
    """Fields whose value is given, not chosen (shown, disabled, offering exactly that value): an agency's own
    record keeps where it is registered; its staff are its own."""
    for name, value in values.items():
        field = form.fields[name]
        field.queryset = type(value).objects.filter(pk=value.pk) if value is not None else field.queryset.none()
        field.initial = form.initial[name] = value.pk if value is not None else None
        field.required = value is not None
        field.disabled = True


class ScopedModelForm(forms.ModelForm):
    """A model form that knows its user and offers only in-scope choices."""

    # Levels a region field of this form accepts, e.g. {"region": [RegionLevel.COMMUNITY]}.
    region_levels: dict[str, list[int]] = {}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        label_region_fields(self)
        restrict_choice_fields(self, user)
        label_empty_choices(self, FORM_EMPTY_CHOICE)
        for name, levels in self.region_levels.items():
            if name in self.fields:
                self.fields[name].queryset = self.fields[name].queryset.filter(level__in=levels)
        for name, field in self.fields.items():
            levels = self.region_levels.get(name)
            use_picker(field, {"level__in": [int(level) for level in levels]} if levels else None)
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


class NamedRegionField(RegionChoiceField):
    """A region given by its name (Excel import); a name that is not unique in the user's area is refused."""

    def __init__(self, *args, missing_message=None, **kwargs):
        kwargs.setdefault("to_field_name", "name")
        self.missing_message = missing_message or _("No community called “%(name)s” in your area.")
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        matches = list(self.queryset.filter(name=str(value).strip())[:2])
        if not matches:
            raise forms.ValidationError(self.missing_message % {"name": value})
        if len(matches) > 1:
            raise forms.ValidationError(_("More than one region is called “%(name)s”.") % {"name": value})
        return matches[0]


class RegionForm(ScopedModelForm):
    parent = RegionChoiceField(label=_("parent region"), required=False)

    class Meta:
        model = Region
        fields = ["name", "level", "code", "kind", "population"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = self.fields["parent"].queryset.filter(level__lt=RegionLevel.COMMUNITY)
        use_picker(self.fields["parent"], {"level__lt": int(RegionLevel.COMMUNITY)})
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


class UserForm(ScopedModelForm):
    """An account, as the system administrator opens and keeps it (三员分立): who the person is, the area the
    account belongs to (set when it is opened), whether it is active and its password. Its role and scope are
    granted by the security administrator (``wulian.security.views.user_security``); never a superuser or staff.
    """

    region = RegionChoiceField(label=_("scope region"), required=False)
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(render_value=False),
        required=False,
        help_text=_("At least 10 characters of three kinds; tell it to the person, who should change it after logging in."),
    )
    # One 姓名 field, as Chinese forms have it; it is kept whole in first_name (last_name stays empty), and the
    # account's name reads last_name + first_name, so accounts made before read as they did.
    full_name = forms.CharField(label=_("full name"), max_length=150)

    class Meta:
        model = User
        fields = ["username", "region", "phone", "email", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The regions of the administrator's own area (administrators see no business rows, the tree included).
        path = getattr(self.user, "scope_path", None)
        regions = Region.objects.filter(level__gte=RegionLevel.COUNTY)
        if not getattr(self.user, "is_superuser", False):
            regions = regions.filter(path__startswith=path) if path else regions.none()
        self.fields["region"].queryset = regions
        self.fields["region"].widget = forms.Select(choices=self.fields["region"].choices)
        if self.instance.pk:
            del self.fields["region"]  # the scope of an existing account is the security administrator's
            self.fields["password"].label = _("New password")
            self.fields["password"].help_text = _("Leave empty to keep the current password.")
        else:
            self.fields["region"].required = True
            self.fields["password"].required = True
        self.fields["full_name"].initial = f"{self.instance.last_name}{self.instance.first_name}".strip()
        self.order_fields(["username", "password", "full_name", "region"])

    def clean(self):
        from django.contrib.auth.password_validation import validate_password

        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            try:
                validate_password(password, self.instance)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return cleaned

    def save(self, commit=True):
        user = super().save(commit=False)
        user.last_name, user.first_name = "", self.cleaned_data["full_name"].strip()
        if self.cleaned_data.get("password"):
            user.set_password(self.cleaned_data["password"])
        if commit:
            user.save()
        return user
