/// Escaping and the page shell shared by every HTML report: one self-contained file, no network,
/// no scripts, no external fonts; the style sheet is inline and covers phones and print.
enum HTMLText {
    /// Text as HTML character data or attribute value (`&`, `<`, `>`, `"` and `'` escaped).
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A complete document around `body` (already HTML).
    static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(styleSheet)
        </style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// A table from a header and rows of cells (already escaped text or HTML); `numeric` columns align right.
    static func table(caption: String?, header: [String], rows: [[String]], numeric: Set<Int>) -> String {
        var out = "<div class=\"table-wrap\"><table>"
        if let caption { out += "<caption>\(escape(caption))</caption>" }
        out += "<thead><tr>"
        for (i, h) in header.enumerated() { out += numeric.contains(i) ? "<th class=\"num\">\(h)</th>" : "<th>\(h)</th>" }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() { out += numeric.contains(i) ? "<td class=\"num\">\(cell)</td>" : "<td>\(cell)</td>" }
            out += "</tr>"
        }
        return out + "</tbody></table></div>"
    }

    /// One chart with its numbers beside it (stacked on narrow screens and in print).
    static func figure(id: String, title: String, explanation: String, chart: String, table: String) -> String {
        """
        <section class="figure" id="\(escape(id))">
        <h2>\(escape(title))</h2>
        <p class="explain">\(explanation)</p>
        <div class="pair"><div class="chart">\(chart)</div>\(table)</div>
        </section>
        """
    }

    static let styleSheet = """
        :root { --ink: #1d2330; --muted: #5b6474; --rule: #d9dde5; --paper: #ffffff; --band: #f4f6f9;
          --s0: #2f6fba; --s1: #d9822b; --s2: #3a9a5b; --s3: #8e5bb5; --s4: #c44d58; --bad: #b3261e; --good: #1e7b3a; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--ink); background: var(--paper);
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1180px; margin: 0 auto; padding: 1.2rem 1rem 3rem; }
        h1 { font-size: 1.5rem; margin: 0 0 .3rem; }
        h2 { font-size: 1.15rem; margin: 0 0 .2rem; }
        .lede { font-size: 1.05rem; margin: .2rem 0 1rem; }
        .explain, .muted, caption { color: var(--muted); }
        .explain { margin: 0 0 .6rem; max-width: 60rem; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .6rem; margin: 0 0 1.2rem; }
        .card { background: var(--band); border-radius: 6px; padding: .5rem .7rem; }
        .card b { display: block; font-size: 1.25rem; }
        .card span { color: var(--muted); font-size: .85rem; }
        .figure, .plan > section { border-top: 1px solid var(--rule); padding: 1rem 0; }
        .pair { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; align-items: flex-start; }
        .pair > .chart { flex: 1 1 34rem; max-width: 48rem; min-width: 0; }
        .pair > :last-child:not(.chart) { flex: 1 1 auto; min-width: 0; max-width: 100%; }
        .chart svg { width: 100%; height: auto; display: block; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: auto; min-width: min(100%, 26rem); font-size: .88rem; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-size: .85rem; padding-bottom: .2rem; }
        th, td { text-align: left; padding: .2rem .45rem; border-bottom: 1px solid var(--rule); white-space: nowrap; }
        th { font-weight: 600; background: var(--band); }
        .num { text-align: right; }
        dl.inputs { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .1rem 1rem; margin: 0 0 1rem; font-size: .88rem; }
        dl.inputs div { display: flex; gap: .4rem; } dl.inputs dt { color: var(--muted); } dl.inputs dd { margin: 0; }
        .verdict-ok { color: var(--good); font-weight: 600; } .verdict-bad { color: var(--bad); font-weight: 600; }
        .warnings li { color: var(--bad); }
        svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
        svg .axis line, svg .grid line { stroke: var(--rule); } svg .axis text { fill: var(--muted); }
        svg .line { fill: none; stroke-width: 2; }
        svg .marker line { stroke: var(--ink); stroke-dasharray: 4 3; stroke-width: 1.5; }
        svg .marker.bad line { stroke: var(--bad); }
        .s0 { stroke: var(--s0); fill: var(--s0); } .s1 { stroke: var(--s1); fill: var(--s1); }
        .s2 { stroke: var(--s2); fill: var(--s2); } .s3 { stroke: var(--s3); fill: var(--s3); }
        .s4 { stroke: var(--s4); fill: var(--s4); }
        svg .line.s0, svg .line.s1, svg .line.s2, svg .line.s3, svg .line.s4 { fill: none; }
        .key { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .3em; vertical-align: -.05em; }
        nav.toc { font-size: .9rem; margin: 0 0 .8rem; } nav.toc a { margin-right: .8rem; color: var(--s0); }
        @media (max-width: 760px) {
          main { padding: .8rem .6rem 2rem; }
          .pair > .chart { flex-basis: 100%; }
          th, td { padding: .15rem .3rem; }
        }
        @media print {
          body { font-size: 10.5pt; } main { max-width: none; padding: 0; }
          nav.toc { display: none; }
          .pair > .chart { flex-basis: 100%; max-width: 17cm; }
          .figure { break-inside: avoid; page-break-inside: avoid; }
          .card, th { background: none; border: 1px solid var(--rule); }
          .table-wrap { overflow: visible; } th, td { white-space: normal; }
        }
        """
}
