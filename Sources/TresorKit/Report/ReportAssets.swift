/// The page's own style and script, inlined (the page loads nothing). The script only
/// adds search; without it every section is shown in full.
enum ReportAssets {
    static let style = """
        :root { color-scheme: light; --ink: #1d2430; --muted: #5b6577; --line: #d9dee7;
          --band: #f4f6fa; --accent: #2452a4; --bad: #b42318; --warn: #9a6700; --ok: #1a7f37; }
        * { box-sizing: border-box; }
        body { font: 15px/1.45 system-ui, sans-serif; color: var(--ink); margin: 0; }
        header { background: var(--band); border-bottom: 1px solid var(--line);
          padding: 20px 32px; }
        header h1 { margin: 0 0 4px; font-size: 24px; }
        header p { margin: 0; color: var(--muted); }
        main { padding: 8px 32px 40px; max-width: 1280px; }
        nav { margin: 12px 0; display: flex; flex-wrap: wrap; gap: 8px 16px; }
        nav a { color: var(--accent); }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; padding: 0; }
        .cards li { list-style: none; border: 1px solid var(--line); border-radius: 8px;
          padding: 10px 16px; min-width: 150px; background: #fff; }
        .cards b { display: block; font-size: 26px; }
        .cards .bad b { color: var(--bad); } .cards .warn b { color: var(--warn); }
        h2 { margin-top: 32px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
        h3 { margin: 20px 0 6px; font-size: 17px; }
        h3 small { font-weight: normal; color: var(--muted); }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
        th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line);
          vertical-align: top; }
        th { background: var(--band); font-weight: 600; }
        td:first-child { font-family: ui-monospace, monospace; }
        .type { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px;
          background: #e7eefc; color: var(--accent); }
        .none { color: var(--muted); font-style: italic; }
        .error { color: var(--bad); font-weight: 600; } .warning { color: var(--warn); }
        #search { font: inherit; padding: 6px 10px; width: 320px; border-radius: 6px;
          border: 1px solid var(--line); }
        footer { color: var(--muted); border-top: 1px solid var(--line); padding: 12px 32px; }
        [hidden] { display: none !important; }
        """

    static let script = """
        (function () {
          var box = document.getElementById('search');
          box.hidden = false;
          function apply() {
            var query = box.value.trim().toLowerCase();
            document.querySelectorAll('[data-search]').forEach(function (element) {
              var text = element.getAttribute('data-search');
              element.hidden = query !== '' && text.indexOf(query) < 0;
            });
          }
          box.addEventListener('input', apply);
          var initial = new URLSearchParams(window.location.search).get('q');
          if (initial) { box.value = initial; apply(); }
        })();
        """
}
