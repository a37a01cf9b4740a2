<#macro rollups list>[<#list list as r>
    {"key": ${text.json(r.key)}, "lines": ${r.lines?c}, "denied": ${r.denied?c}, "charges": ${(r.charges?c)!"null"}, "deniedAmount": ${(r.deniedAmount?c)!"null"}, "denialRate": ${(r.denialRate?c)!"null"}}<#sep>,</#sep></#list>]</#macro>
{
  "files": [<#list s.files as f>${text.json(f)}<#sep>, </#sep></#list>],
  "totals": {
    "claims": ${s.claims?c}, "lines": ${s.lines?c}, "deniedLines": ${s.deniedLines?c}, "deniedClaims": ${s.deniedClaims?c},
    "charges": ${(s.charges?c)!"null"}, "paid": ${(s.paid?c)!"null"}, "deniedAmount": ${(s.deniedAmount?c)!"null"}, "adjustedAmount": ${(s.adjustedAmount?c)!"null"},
    "contractualAmount": ${(s.contractualAmount?c)!"null"}, "patientAmount": ${(s.patientAmount?c)!"null"}, "providerAdjustments": ${(s.providerAdjustments?c)!"null"},
    "denialRate": ${(s.denialRate?c)!"null"}, "reversals": ${s.reversals?c},
    "unmatchedClaims": ${s.unmatchedClaims?c}, "unmatchedLines": ${s.unmatchedLines?c},
    "denialsWithoutRule": ${s.denialsWithoutRule?c}, "withoutRuleAmount": ${(s.withoutRuleAmount?c)!"null"}
  },
  "byPayer": <@rollups s.byPayer/>,
  "byGroup": <@rollups s.byGroup/>,
  "byCarc": <@rollups s.byCarc/>,
  "byRarc": <@rollups s.byRarc/>,
  "byProcedure": <@rollups s.byProcedure/>,
  "byRenderingNpi": <@rollups s.byRenderingNpi/>,
  "byMonth": <@rollups s.byMonth/>,
  "predictedVsActual": [<#list s.predictions as p>
    {"rule": ${text.json(p.rule)}, "flaggedAndDenied": ${p.flaggedDenied?c}, "flaggedAndDeniedAmount": ${(p.flaggedDeniedAmount?c)!"null"}, "missed": ${p.missed?c}, "missedAmount": ${(p.missedAmount?c)!"null"}, "flaggedButPaid": ${p.flaggedPaid?c}}<#sep>,</#sep></#list>],
  "unknownCodes": [<#list s.unknownCodes as u>{"code": ${text.json(u.key)}, "count": ${u.value?c}}<#sep>, </#sep></#list>],
  "unmatchedClaimIds": [<#list s.unmatchedClaimIds as c>${text.json(c)}<#sep>, </#sep></#list>],
  "findings": [<#list s.findings as f>
    {"rule": ${text.json(f.ruleId)}, "interchange": ${text.json(f.interchange)}, "set": ${text.json(f.set)}, "segment": ${text.json(f.segment)}, "position": ${f.position?c}, "message": ${text.json(f.message)}}<#sep>,</#sep></#list>],
  "findingsNotListed": ${s.findingsNotListed?c}
}
