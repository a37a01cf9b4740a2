rule,flagged_and_denied,flagged_and_denied_amount,missed,missed_amount,flagged_but_paid
<#list s.predictions as p>
${csv.cell(p.rule)},${csv.number(p.flaggedDenied)},${csv.number(p.flaggedDeniedAmount)},${csv.number(p.missed)},${csv.number(p.missedAmount)},${csv.number(p.flaggedPaid)}
</#list>
