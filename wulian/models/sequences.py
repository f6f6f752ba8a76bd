"""Gap-free numbering per key and year (voucher, receipt and project numbers).

A counter row per (key, year) is locked with ``SELECT … FOR UPDATE`` and incremented in the caller's
transaction: two concurrent writers queue on the row, and a rolled-back write gives its number back (the
increment is rolled back with it), so the numbers of committed rows run 1, 2, 3… without a gap or a
duplicate. ``max()+1`` had both: two writers read the same maximum.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _


class Sequence(models.Model):
    key = models.CharField(_("sequence"), max_length=80)
    year = models.PositiveIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [models.UniqueConstraint(fields=["key", "year"], name="sequence_one_per_key_and_year")]

    def __str__(self):
        return f"{self.key} {self.year}: {self.last}"


def next_number(key: str, year: int, start: Callable[[], int] | None = None) -> int:
    """The next number of ``key`` in ``year``; call it inside the transaction that saves the numbered row.

    ``start`` gives the last number already used when the counter does not exist yet (numbers given before
    the counter existed); it runs once, under the lock of the new row.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside the transaction that saves the numbered row")
    row = Sequence.objects.select_for_update().filter(key=key, year=year).first()
    if row is None:
        try:
            with transaction.atomic():  # a savepoint: a concurrent creator wins, we then lock its row
                Sequence.objects.create(key=key, year=year, last=start() if start else 0)
        except IntegrityError:
            pass
        row = Sequence.objects.select_for_update().get(key=key, year=year)
    row.last += 1
    Sequence.objects.filter(pk=row.pk).update(last=row.last)
    return row.last
