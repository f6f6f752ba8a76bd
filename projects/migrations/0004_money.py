# Every money column of projects as the core's MoneyField (numeric(14,2), ≥ 0): a widening AlterField only.

import wulian.money
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0003_panels'),
    ]

    operations = [
        migrations.AlterField(
            model_name='agreement',
            name='amount',
            field=wulian.money.MoneyField(decimal_places=2, max_digits=14, verbose_name='amount (yuan)'),
        ),
        migrations.AlterField(
            model_name='bid',
            name='price',
            field=wulian.money.MoneyField(decimal_places=2, max_digits=14, verbose_name='price (yuan)'),
        ),
        migrations.AlterField(
            model_name='milestone',
            name='amount',
            field=wulian.money.MoneyField(decimal_places=2, max_digits=14, verbose_name='amount (yuan)'),
        ),
        migrations.AlterField(
            model_name='notice',
            name='budget_ceiling',
            field=wulian.money.MoneyField(decimal_places=2, max_digits=14, verbose_name='budget ceiling (yuan)'),
        ),
        migrations.AlterField(
            model_name='project',
            name='budget',
            field=wulian.money.MoneyField(decimal_places=2, max_digits=14, verbose_name='budget (yuan)'),
        ),
    ]
