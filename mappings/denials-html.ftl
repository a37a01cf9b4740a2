<#macro money v>${v?string("#,##0.00")}</#macro>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>claimgate denial analysis</title>
<style>
body { font-family: sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #bbb; padding: 0.3em 0.6em; text-align: left; }
td.n { text-align: right; }
.tiles { display: flex; gap: 1em; flex-wrap: wrap; }
.tile { border: 1px solid #bbb; padding: 0.6em 1em; min-width: 9em; }
.tile b { display: block; font-size: 1.4em; }
svg text { font-size: 10px; }
</style>
</head>
<body>
<h1>Denial analysis</h1>
<p>Files: <#list s.files as f>${text.html(f)}<#sep>, </#sep></#list></p>
<div class="tiles">
  <div class="tile">Claims<b>${s.claims?c}</b></div>
  <div class="tile">Lines<b>${s.lines?c}</b></div>
  <div class="tile">Denied lines<b>${s.deniedLines?c}</b></div>
  <div class="tile">Denial rate<b><#if s.denialRate??>${(s.denialRate * 100)?string("0.0")} %<#else>-</#if></b></div>
  <div class="tile">Denied<b>$<@money s.deniedAmount/></b></div>
  <div class="tile">Charged<b>$<@money s.charges/></b></div>
  <div class="tile">Paid<b>$<@money s.paid/></b></div>
  <div class="tile">Contractual<b>$<@money s.contractualAmount/></b></div>
  <div class="tile">Patient<b>$<@money s.patientAmount/></b></div>
</div>

<h2>Denial reasons by dollars</h2>
<p>Denied dollars by CARC (bars, largest first) and their running share of all denied dollars (red line, right axis).</p>
<svg role="img" aria-label="Pareto chart of denial reasons" width="680" height="260" viewBox="0 0 680 260" xmlns="http://www.w3.org/2000/svg">
  <line x1="40" y1="220" x2="620" y2="220" stroke="#444"/>
  <line x1="40" y1="20" x2="40" y2="220" stroke="#444"/>
  <line x1="620" y1="20" x2="620" y2="220" stroke="#c0392b"/>
  <text x="2" y="24">$<@money s.paretoMax/></text>
  <text x="30" y="224">0</text>
  <text x="624" y="24" fill="#c0392b">100 %</text>
  <text x="624" y="124" fill="#c0392b">50 %</text>
  <text x="624" y="224" fill="#c0392b">0 %</text>
<#list s.paretoBars as b>
  <rect x="${b.x?c}" y="${b.y?c}" width="${b.width?c}" height="${b.height?c}" fill="#4a78b5"><title>${text.html(b.label)}: $<@money b.amount/></title></rect>
  <text x="${b.x?c}" y="${(b.y - 4)?c}">$<@money b.amount/></text>
  <text x="${b.x?c}" y="236">${text.html(b.label)}</text>
</#list>
<#if (s.paretoBars?size > 1)>
  <polyline fill="none" stroke="#c0392b" stroke-width="2" points="<#list s.paretoBars as b>${b.cx?c},${b.cy?c}<#sep> </#sep></#list>"/>
</#if>
</svg>

<h2>Denied dollars by month of service</h2>
<svg role="img" aria-label="Trend of denied dollars by month" width="680" height="260" viewBox="0 0 680 260" xmlns="http://www.w3.org/2000/svg">
  <line x1="40" y1="220" x2="620" y2="220" stroke="#444"/>
  <line x1="40" y1="20" x2="40" y2="220" stroke="#444"/>
  <text x="2" y="24">$<@money s.trendMax/></text>
  <text x="30" y="224">0</text>
<#if (s.trendPoints?size > 1)>
  <polyline fill="none" stroke="#4a78b5" stroke-width="2" points="<#list s.trendPoints as p>${p.x?c},${p.y?c}<#sep> </#sep></#list>"/>
</#if>
<#list s.trendPoints as p>
  <circle cx="${p.x?c}" cy="${p.y?c}" r="3" fill="#4a78b5"><title>${text.html(p.month)}: $<@money p.amount/></title></circle>
<#if p.label>  <text x="${(p.x - 15)?c}" y="236">${text.html(p.month)}</text>
</#if>
</#list>
</svg>

<h2>Top fixable denials</h2>
<table>
<tr><th>CARC</th><th>Denials</th><th>Dollars</th><th>Recommended action</th></tr>
<#list s.topFixable as t>
<tr><td>${text.html(t.carc)}</td><td class="n">${t.count?c}</td><td class="n"><@money t.amount/></td><td>${text.html(t.action)}</td></tr>
</#list>
</table>

<h2>Predicted against actual</h2>
<#if !s.joined><p><b>No ledger was joined (--no-ledger): every claim is unmatched, so what the gateway flagged
cannot be compared with what the payer denied.</b></p></#if>
<p>For each claimgate rule: denials it had flagged before submission, denials it should have caught but did not
fire on, and lines it fired on that the payer paid. Denials no rule could prevent: ${s.denialsWithoutRule?c}
($<@money s.withoutRuleAmount/>).</p>
<table>
<tr><th>Rule</th><th>Flagged and denied</th><th>Dollars</th><th>Missed</th><th>Dollars</th><th>Flagged but paid</th></tr>
<#list s.predictions as p>
<tr><td>${text.html(p.rule)}</td><td class="n">${p.flaggedDenied?c}</td><td class="n"><@money p.flaggedDeniedAmount/></td><td class="n">${p.missed?c}</td><td class="n"><@money p.missedAmount/></td><td class="n">${p.flaggedPaid?c}</td></tr>
</#list>
</table>

<h2>By payer</h2>
<table>
<tr><th>Payer</th><th>Lines</th><th>Denied</th><th>Denied dollars</th></tr>
<#list s.byPayer as r>
<tr><td>${text.html(r.key)}</td><td class="n">${r.lines?c}</td><td class="n">${r.denied?c}</td><td class="n"><@money r.deniedAmount/></td></tr>
</#list>
</table>

<#if (s.unknownCodes?size > 0)>
<h2>Unknown codes</h2>
<table>
<tr><th>Code</th><th>Count</th></tr>
<#list s.unknownCodes as u><tr><td>${text.html(u.key)}</td><td class="n">${u.value?c}</td></tr></#list>
</table>
</#if>

<h2>Findings</h2>
<p>Unmatched claims: ${s.unmatchedClaims?c}; unmatched lines: ${s.unmatchedLines?c}.</p>
<table>
<tr><th>Rule</th><th>Set</th><th>Segment</th><th>Position</th><th>Message</th></tr>
<#list s.findings as f>
<tr><td>${text.html(f.ruleId)}</td><td>${text.html(f.set)}</td><td>${text.html(f.segment)}</td><td class="n">${f.position?c}</td><td>${text.html(f.message)}</td></tr>
</#list>
</table>
</body>
</html>
