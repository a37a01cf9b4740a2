<#-- One row per finding. Columns: see findings-csv.xml for the fields each finding has. -->
file,level,isa13,gs06,st02,claim_id,claim_status,rule_id,severity,outcome,segment,position,loop,element,ack,message,corrected_from,corrected_to
<#list findings as f>
${csv.cell(f.file)},${csv.cell(f.level)},${csv.cell(f.interchangeControl)},${csv.cell(f.groupControl)},${csv.cell(f.setControl)},${csv.cell(f.claimId)},${csv.cell(f.claimStatus)},${csv.cell(f.ruleId)},${csv.cell(f.severity)},${csv.cell(f.outcome)},${csv.cell(f.segment)},${csv.cell(f.position)},${csv.cell(f.loop)},${csv.cell(f.element)},${csv.cell(f.ack)},${csv.cell(f.message)},${csv.cell(f.correctionFrom)},${csv.cell(f.correctionTo)}
</#list>
