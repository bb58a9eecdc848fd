/// The page's inline stylesheet and script: the report is one file that works offline, so
/// nothing is loaded from anywhere else.
enum HTMLAssets {
    static let style = """
    :root { --fg:#1d2330; --muted:#5f6b7e; --line:#e3e7ee; --bg:#f6f7fa; --card:#fff; --accent:#2f5fd0;
            --breaking:#c62f3a; --breaking-bg:#fdecee; --dangerous:#a86200; --dangerous-bg:#fff4e0;
            --info:#3b6aa0; --info-bg:#eaf1fa; --ok:#1f7a4a; --ok-bg:#e6f5ec; --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    * { box-sizing: border-box; }
    html { scroll-behavior: smooth; scroll-padding-top: 64px; }
    body { margin:0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color:var(--fg); background:var(--bg); }
    header.top { position: sticky; top:0; z-index:10; display:flex; align-items:center; gap:24px; padding:10px 28px;
                 background:#1d2330; color:#fff; box-shadow:0 1px 4px rgba(0,0,0,.2); }
    header.top .brand { font-weight:700; letter-spacing:.2px; }
    header.top .brand span { color:#9fb4e8; font-weight:500; }
    header.top nav a { color:#d6def0; text-decoration:none; margin-right:18px; font-size:14px; }
    header.top nav a:hover { color:#fff; }
    main { max-width: 1240px; margin: 0 auto; padding: 24px 28px 80px; }
    h1 { font-size: 26px; margin: 8px 0 2px; }
    h2 { font-size: 20px; margin: 40px 0 12px; padding-bottom:6px; border-bottom:2px solid var(--line); }
    h3 { font-size: 17px; margin: 24px 0 8px; }
    p.sub { color: var(--muted); margin: 0 0 18px; }
    code, .mono { font-family: var(--mono); font-size: 13px; }
    a { color: var(--accent); }
    .cards { display:grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap:12px; margin: 16px 0 8px; }
    .card { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:14px 16px; }
    .card .num { font-size: 28px; font-weight: 700; line-height:1.1; }
    .card .label { color: var(--muted); font-size: 13px; margin-top:4px; }
    .card .detail { font-size: 12.5px; margin-top:6px; color: var(--muted); }
    .card.bad { border-color:#f0b7bd; background: var(--breaking-bg); }
    .card.bad .num { color: var(--breaking); }
    .card.warn { border-color:#f2d199; background: var(--dangerous-bg); }
    .card.warn .num { color: var(--dangerous); }
    .card.good .num { color: var(--ok); }
    .badge { display:inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight:600; white-space:nowrap; vertical-align: 1px; }
    .badge.breaking, .badge.error, .badge.invalid { background: var(--breaking-bg); color: var(--breaking); }
    .badge.dangerous, .badge.warning { background: var(--dangerous-bg); color: var(--dangerous); }
    .badge.info, .badge.note { background: var(--info-bg); color: var(--info); }
    .badge.valid, .badge.ok { background: var(--ok-bg); color: var(--ok); }
    .badge.req { background:#f1e8fd; color:#6b39b8; }
    .badge.dir { background:#eef0f4; color:#4a5568; font-weight:500; }
    table { width:100%; border-collapse: collapse; background: var(--card); border:1px solid var(--line); border-radius:10px; overflow:hidden; margin: 8px 0 16px; }
    table.failures, table.changes { table-layout: fixed; }
    table.payload-sets th:nth-child(1) { width: 190px; }
    table.failures th:nth-child(1) { width: 26%; } table.failures th:nth-child(2) { width: 24%; } table.failures th:nth-child(3) { width: 20%; }
    table.breaking-overview { border-color: #f0b7bd; }
    table.breaking-overview th:nth-child(1) { width: 24%; }
    table.changes th:nth-child(1) { width: 110px; } table.changes th:nth-child(2) { width: 34%; }
    td code, td .where { overflow-wrap: anywhere; }
    td { overflow-wrap: anywhere; }
    th, td { text-align:left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; font-size: 14px; }
    th { background:#f0f2f6; font-weight:600; font-size: 13px; color:#3a4455; }
    tr:last-child td { border-bottom: none; }
    td.num, th.num { text-align:right; font-variant-numeric: tabular-nums; }
    td .where { color: var(--muted); font-size: 12.5px; display:block; }
    .empty { padding: 14px 16px; background: var(--ok-bg); color: var(--ok); border-radius: 10px; }
    .incomplete { padding: 14px 16px; margin: 0 0 16px; background: var(--breaking-bg); color: var(--breaking); border: 1px solid #f0b7bd; border-radius: 10px; }
    .problem-list { list-style:none; padding:0; margin: 8px 0; }
    .problem-list li { background: var(--card); border:1px solid var(--line); border-left: 4px solid var(--dangerous); border-radius:6px; padding: 8px 12px; margin-bottom:6px; }
    .problem-list li.error { border-left-color: var(--breaking); }
    .problem-list li .loc { font-family: var(--mono); font-size: 12.5px; color: var(--muted); word-break: break-all; }
    details > summary { cursor: pointer; }
    details.more { margin: 6px 0 14px; }
    details.more > summary { color: var(--accent); font-weight: 600; }
    .chips { display:flex; gap:8px; flex-wrap:wrap; margin: 6px 0 10px; }
    .toolbar { display:flex; gap:12px; align-items:center; margin: 8px 0 16px; position: sticky; top: 48px; z-index: 5; background: var(--bg); padding: 8px 0; }
    .toolbar input { flex:1; max-width: 460px; padding: 8px 12px; border:1px solid #c9d0dc; border-radius: 8px; font-size: 14px; }
    .toolbar button { padding: 7px 12px; border:1px solid #c9d0dc; border-radius: 8px; background:#fff; cursor:pointer; font-size: 13px; }
    .toolbar .count { color: var(--muted); font-size: 13px; }
    section.service { background: var(--card); border:1px solid var(--line); border-radius: 12px; padding: 4px 18px 12px; margin-bottom: 16px; }
    section.service > h3 { display:flex; gap:10px; align-items: baseline; }
    section.service > h3 .meta { color: var(--muted); font-weight: 400; font-size: 13px; }
    details.op { border-top: 1px solid var(--line); padding: 6px 0; }
    details.op > summary { display:flex; gap:10px; align-items: baseline; list-style: none; }
    details.op > summary::-webkit-details-marker { display:none; }
    details.op > summary::before { content: "▸"; color: var(--muted); width: 10px; }
    details.op[open] > summary::before { content: "▾"; }
    details.op > summary .opname { font-weight: 600; font-family: var(--mono); font-size: 14px; }
    details.op > summary .method { color: var(--muted); font-family: var(--mono); font-size: 12.5px; }
    details.op > summary .docline { color: var(--muted); font-size: 13px; overflow:hidden; text-overflow: ellipsis; white-space: nowrap; flex: 1; min-width: 0; }
    .op-body { display:grid; grid-template-columns: 1fr 1fr; gap: 18px; padding: 8px 0 8px 20px; }
    .op-body .side h4 { margin: 4px 0 6px; font-size: 13px; text-transform: uppercase; letter-spacing: .6px; color: var(--muted); }
    .op-body .doc { grid-column: 1 / -1; color: #3a4455; font-size: 14px; margin: 0; }
    .op-body .src { grid-column: 1 / -1; color: var(--muted); font-size: 12px; font-family: var(--mono); word-break: break-all; }
    ul.tree { list-style: none; margin: 0; padding-left: 14px; border-left: 1px dashed #d5dae3; }
    ul.tree.root { padding-left: 0; border-left: none; }
    ul.tree li { margin: 2px 0; font-size: 13.5px; }
    ul.tree .m { font-family: var(--mono); font-weight: 600; }
    ul.tree .t { color: #2a7a8a; font-family: var(--mono); font-size: 12.5px; margin-left: 6px; }
    ul.tree .k { color: var(--muted); font-size: 12.5px; margin-left: 6px; }
    ul.tree .e { display:inline; font-family: var(--mono); font-size: 12px; color:#7a4d00; margin-left: 6px; }
    ul.tree .e details { display:inline; }
    ul.tree a.ref { font-family: var(--mono); font-size: 12.5px; margin-left: 6px; }
    .none { color: var(--muted); font-style: italic; font-size: 13px; }
    .hidden { display: none !important; }
    mark { background: #fff3a3; padding: 0; }
    footer { color: var(--muted); font-size: 12.5px; margin-top: 40px; }
    @media (max-width: 860px) { .op-body { grid-template-columns: 1fr; } header.top nav { display:none; } }
    """

    /// The operation filter, expand/collapse, and an error trap the browser test reads.
    static let script = """
    (function () {
      'use strict';
      var errors = [];
      window.addEventListener('error', function (e) { errors.push(String(e.message)); document.body.setAttribute('data-js-errors', errors.join(' | ')); });
      var input = document.getElementById('op-filter');
      var count = document.getElementById('op-count');
      var ops = Array.prototype.slice.call(document.querySelectorAll('details.op'));
      var realOps = ops.filter(function (op) { return !op.classList.contains('shared'); }).length;
      var services = Array.prototype.slice.call(document.querySelectorAll('section.service'));
      var texts = null;
      function haystack(i) {
        if (texts === null) { texts = ops.map(function (op) { return op.textContent.toLowerCase(); }); }
        return texts[i];
      }
      function apply() {
        var q = input ? input.value.trim().toLowerCase() : '';
        var shown = 0;
        ops.forEach(function (op, i) {
          var name = (op.getAttribute('data-name') || '').toLowerCase();
          var hit = q === '' || name.indexOf(q) >= 0 || haystack(i).indexOf(q) >= 0;
          op.classList.toggle('hidden', !hit);
          if (hit && !op.classList.contains('shared')) { shown += 1; }
        });
        services.forEach(function (s) {
          var any = s.querySelector('details.op:not(.hidden)') !== null || s.querySelectorAll('details.op').length === 0;
          s.classList.toggle('hidden', !any && q !== '');
        });
        if (count) { count.textContent = q === '' ? realOps + ' operations' : shown + ' of ' + realOps + ' operations match'; }
      }
      if (input) {
        input.addEventListener('input', apply);
        if (location.hash.indexOf('#q=') === 0) { input.value = decodeURIComponent(location.hash.slice(3)); }
      }
      function setAll(open) {
        ops.forEach(function (op) { if (!op.classList.contains('hidden')) { op.open = open; } });
      }
      var expand = document.getElementById('expand-all');
      var collapse = document.getElementById('collapse-all');
      if (expand) { expand.addEventListener('click', function () { setAll(true); }); }
      if (collapse) { collapse.addEventListener('click', function () { setAll(false); }); }
      apply();
      document.body.setAttribute('data-ready', '1');
    })();
    """
}
