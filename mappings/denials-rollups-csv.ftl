<#macro rows name list><#list list as r>
${csv.cell(name)},${csv.cell(r.key)},${csv.number(r.lines)},${csv.number(r.denied)},${csv.number(r.charges)},${csv.number(r.deniedAmount)},${csv.number(r.denialRate)}
</#list></#macro>
rollup,key,lines,denied,charges,denied_amount,denial_rate
<@rows "payer" s.byPayer/><@rows "group" s.byGroup/><@rows "carc" s.byCarc/><@rows "rarc" s.byRarc/><@rows "procedure" s.byProcedure/><@rows "rendering_npi" s.byRenderingNpi/><@rows "month" s.byMonth/>
