"""Admin entry forms for village figures: population by category, APBDes lines, IDM.

Every form starts with the village and the period. The village is chosen among the villages
the user may write (``opendata.permissions``): another id posted is a field error. A valid form
gives a ``NewRelease`` (``to_release``), saved by ``opendata.releases.publish`` as a new
version; nothing is saved when any field is wrong. Messages are Indonesian, at the field.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import indices, rollups
from .models import Account, BudgetLine, IndexValue, PopulationFigure, Release
from .models.releases import BUDGET, POPULATION
from .periods import parse_period
from .permissions import writable_villages
from .releases import NewRelease
from .vocabularies import SEX_CATEGORY


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class ReleaseForm(forms.Form):
    """The village and period every entry form starts with."""

    dataset = ""
    year_only = True

    village = VillageChoiceField(
        label=_("Desa"),
        queryset=None,
        to_field_name="code",
        error_messages={"invalid_choice": _("Desa ini bukan wilayah Anda.")},
    )
    period = forms.CharField(label=_("Periode"), max_length=7)

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = writable_villages(user).order_by("code")
        if self.year_only:
            self.fields["period"].label = _("Tahun")
            self.fields["period"].help_text = _("mis. 2025")
        else:
            self.fields["period"].help_text = _("Tahun (2025) atau semester (2025-S1, 2025-S2).")

    def clean_period(self):
        return parse_period(self.cleaned_data["period"], year_only=self.year_only)

    def current_release(self):
        village, period = self.cleaned_data.get("village"), self.cleaned_data.get("period")
        if not village or not period:
            return None
        return Release.objects.filter(
            village=village, dataset=self.dataset, period=str(period), is_current=True
        ).first()


class PopulationForm(ReleaseForm):
    """The counts of one category, a row per group; the other categories are kept as they are."""

    dataset = POPULATION
    year_only = False

    def __init__(self, *args, category, **kwargs):
        super().__init__(*args, **kwargs)
        self.category = category
        self.groups = list(category.groups.all())
        for group in self.groups:
            for sex, label in (("male", _("laki-laki")), ("female", _("perempuan"))):
                self.fields[f"{sex}_{group.pk}"] = forms.IntegerField(
                    label=f"{group.label} ({label})", min_value=0, required=False
                )
        self.fields["total_male"] = forms.IntegerField(
            label=_("Jumlah laki-laki (pemeriksaan)"), min_value=0, required=False
        )
        self.fields["total_female"] = forms.IntegerField(
            label=_("Jumlah perempuan (pemeriksaan)"), min_value=0, required=False
        )

    def group_rows(self):
        return [(g, self[f"male_{g.pk}"], self[f"female_{g.pk}"]) for g in self.groups]

    def clean_village(self):
        village = self.cleaned_data["village"]
        if not rollups.categories_for(village).filter(pk=self.category.pk).exists():
            raise ValidationError(_("Kategori ini tidak berlaku di desa ini."), code="category")
        return village

    def _sums(self):
        data = self.cleaned_data
        male = sum(data.get(f"male_{g.pk}") or 0 for g in self.groups)
        female = sum(data.get(f"female_{g.pk}") or 0 for g in self.groups)
        return male, female

    def clean(self):
        data = super().clean()
        if any(f.startswith(("male_", "female_")) for f in self.errors):
            return data
        male, female = self._sums()
        for field, total, entered in (
            ("total_male", data.get("total_male"), male),
            ("total_female", data.get("total_female"), female),
        ):
            if total is not None and total != entered:
                self.add_error(
                    field,
                    ValidationError(
                        _("Jumlah kelompok %(entered)s, tidak sama dengan jumlah %(total)s."),
                        params={"entered": entered, "total": total},
                        code="total",
                    ),
                )
        if self.category.covers_population and self.category.slug != SEX_CATEGORY:
            self._check_population(male, female)
        return data

    def _check_population(self, male, female):
        release = self.current_release()
        if release is None:
            return
        sex = list(release.population.filter(category__slug=SEX_CATEGORY, hamlet=""))
        if not sex:
            return
        people = sum(f.male for f in sex), sum(f.female for f in sex)
        if (male, female) != people:
            self.add_error(
                "total_male" if male != people[0] else "total_female",
                ValidationError(
                    _(
                        "Kategori ini mencakup seluruh penduduk: laki-laki %(male)s dan "
                        "perempuan %(female)s harus sama dengan statistik jenis kelamin "
                        "(%(people_male)s dan %(people_female)s)."
                    ),
                    params={
                        "male": male,
                        "female": female,
                        "people_male": people[0],
                        "people_female": people[1],
                    },
                    code="population",
                ),
            )

    def to_release(self) -> NewRelease:
        data = self.cleaned_data
        figures = []
        current = self.current_release()
        if current is not None:
            for figure in current.population.exclude(category=self.category):
                figure.pk = None
                figure.release = None
                figures.append(figure)
        for group in self.groups:
            male, female = data.get(f"male_{group.pk}"), data.get(f"female_{group.pk}")
            if male is None and female is None:
                continue
            figures.append(
                PopulationFigure(
                    category=self.category, group=group, male=male or 0, female=female or 0
                )
            )
        return NewRelease(data["village"], POPULATION, data["period"], figures)

    def initial_from(self, release):
        if release is None:
            return {}
        initial = {}
        for figure in release.population.filter(category=self.category, hamlet=""):
            initial[f"male_{figure.group_id}"] = figure.male
            initial[f"female_{figure.group_id}"] = figure.female
        return initial


class BudgetLineForm(forms.Form):
    account = forms.CharField(label=_("Kode rekening"), max_length=20)
    description = forms.CharField(label=_("Uraian"), max_length=255, required=False)
    budget = forms.IntegerField(label=_("Anggaran (Rp)"), min_value=0)
    realisation = forms.IntegerField(label=_("Realisasi (Rp)"), min_value=0, required=False)

    def __init__(self, *args, accounts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.accounts = accounts or {}
        self.fields["realisation"].error_messages["min_value"] = _("Realisasi tidak boleh negatif.")
        self.fields["budget"].error_messages["min_value"] = _("Anggaran tidak boleh negatif.")

    def clean_account(self):
        code = self.cleaned_data["account"].strip()
        account = self.accounts.get(code)
        if account is None:
            raise ValidationError(
                _("Kode rekening %(code)s tidak ada di bagan akun Permendagri 20/2018."),
                params={"code": code},
                code="unknown_account",
            )
        if not account.is_leaf:
            raise ValidationError(
                _(
                    "Rekening %(code)s adalah induk: isi rinciannya, jumlah induk dihitung "
                    "otomatis."
                ),
                params={"code": code},
                code="parent_account",
            )
        return account


class BaseBudgetLineFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        self.accounts = {a.code: a for a in Account.objects.all()}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "accounts": self.accounts}

    def clean(self):
        seen = set()
        for form in self.forms:
            if not form.has_changed() or form.errors or not hasattr(form, "cleaned_data"):
                continue
            if form.cleaned_data.get("DELETE"):
                continue
            key = (form.cleaned_data["account"].code, form.cleaned_data.get("description", ""))
            if key in seen:
                form.add_error(
                    "account",
                    _("Rekening %(code)s dengan uraian yang sama sudah ada di baris lain.")
                    % {"code": key[0]},
                )
            seen.add(key)


BudgetLineFormSet = forms.formset_factory(
    BudgetLineForm, formset=BaseBudgetLineFormSet, extra=5, can_delete=True
)


class BudgetForm(ReleaseForm):
    """The APBDes of one village and year: the village/year here, the lines in ``lines``."""

    dataset = BUDGET

    def __init__(self, *args, initial_lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        data = args[0] if args else kwargs.get("data")
        self.lines = BudgetLineFormSet(data, prefix="baris", initial=initial_lines)

    def is_valid(self):
        return all([super().is_valid(), self.lines.is_valid()])

    def to_release(self) -> NewRelease:
        figures = [
            BudgetLine(
                account=line.cleaned_data["account"],
                description=line.cleaned_data.get("description", ""),
                budget=line.cleaned_data["budget"],
                realisation=line.cleaned_data.get("realisation") or 0,
            )
            for line in self.lines.forms
            if line.has_changed() and line.cleaned_data and not line.cleaned_data.get("DELETE")
        ]
        return NewRelease(
            self.cleaned_data["village"], BUDGET, self.cleaned_data["period"], figures
        )

    @staticmethod
    def initial_lines(release):
        if release is None:
            return None
        return [
            {
                "account": line.account.code,
                "description": line.description,
                "budget": line.budget,
                "realisation": line.realisation,
            }
            for line in release.budget_lines.select_related("account").order_by("account__order")
        ]


class IndexForm(ReleaseForm):
    """A development index for one village and year: the score and each dimension."""

    def __init__(self, *args, kind: indices.IndexKind = indices.IDM, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.dataset = kind.slug
        names = {indices.SCORE: _("Skor %(index)s") % {"index": kind.short}}
        names.update({d.slug: f"{d.short or d.name}" for d in kind.dimensions})
        for slug in kind.value_slugs:
            self.fields[slug] = forms.DecimalField(
                label=names[slug],
                min_value=kind.minimum,
                max_value=kind.maximum,
                max_digits=9,
                decimal_places=kind.decimal_places,
                required=slug == indices.SCORE,
            )

    def clean(self):
        data = super().clean()
        score = data.get(indices.SCORE)
        values = [data.get(d.slug) for d in self.kind.dimensions]
        if self.kind.score_is_mean and score is not None:
            if any(v is None for v in values):
                for dimension, value in zip(self.kind.dimensions, values, strict=True):
                    if value is None and dimension.slug not in self.errors:
                        self.add_error(
                            dimension.slug,
                            _("Isi nilai %(name)s: skor dihitung dari rata-ratanya.")
                            % {"name": dimension.short or dimension.name},
                        )
            else:
                mean = sum(values, Decimal(0)) / len(values)
                if abs(mean - score) > self.kind.tolerance:
                    self.add_error(
                        indices.SCORE,
                        ValidationError(
                            _("Skor %(score)s bukan rata-rata %(dimensions)s (%(mean)s)."),
                            params={
                                "score": score,
                                "dimensions": ", ".join(
                                    d.short or str(d.name) for d in self.kind.dimensions
                                ),
                                "mean": round(mean, self.kind.decimal_places),
                            },
                            code="mean",
                        ),
                    )
        return data

    @property
    def status(self):
        if not hasattr(self, "cleaned_data"):
            return None
        return self.kind.status(self.cleaned_data.get(indices.SCORE))

    def to_release(self) -> NewRelease:
        data = self.cleaned_data
        figures = [
            IndexValue(dimension=slug, value=data[slug])
            for slug in self.kind.value_slugs
            if data.get(slug) is not None
        ]
        return NewRelease(data["village"], self.kind.slug, data["period"], figures)

    def initial_from(self, release):
        if release is None:
            return {}
        return {v.dimension: v.value for v in release.index_values.all()}
