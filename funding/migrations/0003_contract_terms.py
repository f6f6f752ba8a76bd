# 预付款 (an advance tranche), 履约保证金 held / released / forfeited, claw-backs naming their payment.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('funding', '0002_donations'),
    ]

    operations = [
        migrations.AddField(
            model_name='entry',
            name='original',
            field=models.ForeignKey(blank=True, help_text="A claw-back names the payment it recovers; a bond's release or forfeiture names the bond.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='follow_ups', to='funding.entry', verbose_name='settles entry'),
        ),
        migrations.AlterField(
            model_name='entry',
            name='kind',
            field=models.CharField(choices=[('allocation', 'Allocation'), ('commitment', 'Commitment'), ('release', 'Commitment released'), ('payment', 'Payment'), ('spending', 'Spending'), ('transfer_out', 'Transfer out'), ('transfer_in', 'Transfer in'), ('carry_out', 'Carried forward (out)'), ('carry_in', 'Carried forward (in)'), ('donation', 'Donation received'), ('use', 'Use'), ('reversal', 'Reversal'), ('clawback', 'Claw-back'), ('bond_held', 'Performance bond held'), ('bond_released', 'Performance bond released'), ('bond_forfeited', 'Performance bond forfeited')], max_length=15, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='tranche',
            name='condition',
            field=models.CharField(choices=[('date', 'A date has come'), ('deliverables', 'A number of service records logged'), ('evaluation', 'An evaluation passed'), ('advance', 'Advance payment once the agreement is signed')], default='date', max_length=15, verbose_name='condition'),
        ),
        migrations.AddConstraint(
            model_name='entry',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind__in', ('clawback', 'bond_released', 'bond_forfeited')), _negated=True), ('original__isnull', False), _connector='OR'), name='entry_follow_up_names_original', violation_error_message="A claw-back or a bond's release names its original."),
        ),
        migrations.AddConstraint(
            model_name='entry',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind__in', ['clawback', 'bond_forfeited']), _negated=True), models.Q(('reason', ''), _negated=True), _connector='OR'), name='entry_clawback_gives_reason', violation_error_message='A claw-back or a forfeiture gives its reason.'),
        ),
    ]
