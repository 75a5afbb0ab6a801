namespace AbsoluteZero.Audit.Report;

/// <summary>The report's inline stylesheet and script. Static text only: no run data is ever placed in the script.</summary>
internal static class ReportAssets
{
    public const string Css = """
        :root { --fg:#111827; --muted:#6b7280; --line:#e5e7eb; --bg:#ffffff; --soft:#f9fafb; --hi:#fde68a; --bad:#b91c1c; --ok:#15803d; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
        header { padding: 16px 24px; border-bottom: 1px solid var(--line); background: var(--soft); }
        header h1 { margin: 0 0 4px; font-size: 20px; }
        nav a { margin-right: 14px; color: #1d4ed8; text-decoration: none; }
        main { padding: 8px 24px 48px; max-width: 1400px; }
        section { margin-top: 24px; }
        h2 { font-size: 17px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        .cards { display: flex; flex-wrap: wrap; gap: 10px; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; min-width: 130px; background: var(--soft); }
        .card .v { font-size: 20px; font-weight: 600; }
        .card .k { color: var(--muted); font-size: 12px; }
        .card.alert .v { color: var(--bad); }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(500px, 1fr)); gap: 12px; }
        figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 4px; }
        figure.chart svg { width: 100%; height: auto; }
        .ct { font-size: 13px; font-weight: 600; fill: var(--fg); }
        .cl { font-size: 10px; fill: var(--muted); }
        .cn { font-size: 12px; fill: var(--muted); }
        .cg { stroke: var(--line); stroke-width: 1; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0; }
        th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
        th { background: var(--soft); font-weight: 600; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        pre { white-space: pre-wrap; word-break: break-word; background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 6px; margin: 4px 0; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
        mark { background: var(--hi); padding: 0 1px; border-radius: 2px; }
        .sev-high { color: var(--bad); font-weight: 600; }
        .sev-medium { color: #c2410c; font-weight: 600; }
        .sev-low { color: var(--muted); }
        .verdict-ok { color: var(--ok); }
        .filters { display: flex; gap: 12px; align-items: center; margin: 8px 0; flex-wrap: wrap; }
        .muted { color: var(--muted); }
        details > summary { cursor: pointer; }
        .flag { border: 1px solid var(--line); border-left: 4px solid var(--bad); border-radius: 4px; padding: 6px 10px; margin: 8px 0; }
        .rollout { border: 1px solid var(--line); border-radius: 4px; padding: 6px 10px; margin: 10px 0; }
        .rollout:target, .flag:target { outline: 3px solid #60a5fa; }
        """;

    // Filters the task table by type, verdict and step using data-* attributes set at render time.
    public const string Script = """
        (function () {
          var t = document.getElementById('f-type'), v = document.getElementById('f-verdict'),
              s = document.getElementById('f-step'), c = document.getElementById('f-count');
          if (!t) return;
          function apply() {
            var rows = document.querySelectorAll('#task-table tbody tr.task'), shown = 0;
            for (var i = 0; i < rows.length; i++) {
              var r = rows[i], ok = (!t.value || r.dataset.type === t.value) && (!v.value || r.dataset.verdict === v.value)
                && (!s.value || r.dataset.step === s.value);
              r.style.display = ok ? '' : 'none';
              if (ok) shown++;
            }
            c.textContent = shown + ' shown';
          }
          t.addEventListener('change', apply); v.addEventListener('change', apply); s.addEventListener('change', apply);
          apply();
        })();
        """;
}
