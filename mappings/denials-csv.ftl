<#-- One row per adjustment. Fields: see denials-csv.xml. -->
payer,claim_id,payer_claim_number,claim_status,reversal,date_of_service,procedure,modifiers,units,charge,paid,group,carc,rarc,category,kind,amount,meaning,gateway_rule,gateway_flagged,gateway_action,gateway_rules,recommended_action,match,file
<#list rows as r>
${csv.cell(r.payer)},${csv.cell(r.claimId)},${csv.cell(r.payerClaimNumber)},${csv.cell(r.claimStatus)},${csv.cell(r.reversal)},${csv.cell(r.serviceDate)},${csv.cell(r.procedure)},${csv.cell(r.modifiers)},${csv.number(r.units)},${csv.number(r.charge)},${csv.number(r.paid)},${csv.cell(r.group)},${csv.cell(r.carc)},${csv.cell(r.rarc)},${csv.cell(r.category)},${csv.cell(r.kind)},${csv.number(r.amount)},${csv.cell(r.meaning)},${csv.cell(r.rule)},${csv.cell(r.flagged)},${csv.cell(r.gatewayAction)},${csv.cell(r.gatewayRules)},${csv.cell(r.action)},${csv.cell(r.match)},${csv.cell(r.file)}
</#list>
