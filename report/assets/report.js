// qda report: the heat map's passages, rows beyond those the page holds,
// search over the passages, and the light/dark switch. It reads only the
// JSON in the page and builds elements with textContent, so nothing from
// the study is ever parsed as HTML. No network.
(function () {
  "use strict";
  var root = document.documentElement;
  var themeButton = document.getElementById("theme");
  function setTheme(t) {
    root.setAttribute("data-theme", t);
    if (themeButton) {
      themeButton.textContent = t === "dark" ? "Light" : "Dark";
      themeButton.setAttribute("aria-pressed", t === "dark" ? "true" : "false");
    }
  }
  var saved = null;
  try { saved = window.localStorage.getItem("qda-theme"); } catch (e) { saved = null; }
  if (saved === "dark" || saved === "light") {
    setTheme(saved);
  } else if (window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches) {
    setTheme("dark");
  }
  if (themeButton) {
    themeButton.addEventListener("click", function () {
      var t = root.getAttribute("data-theme") === "dark" ? "light" : "dark";
      setTheme(t);
      try { window.localStorage.setItem("qda-theme", t); } catch (e) { /* file:// may refuse storage */ }
    });
  }

  var holder = document.getElementById("qda-data");
  if (!holder) { return; }
  var data = JSON.parse(holder.textContent);
  var dialog = document.getElementById("cell");
  var title = document.getElementById("cell-title");
  var body = document.getElementById("cell-body");
  var opener = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function noun(n) {
    var one = { references: "reference", transcripts: "transcript", participants: "participant",
      lines: "line", words: "word", presence: "mention" }[data.measure] || data.measure;
    return n + " " + one + (n === 1 ? "" : "s");
  }
  // passage builds a passage as its turns, each line with its number.
  function passage(p, words) {
    var fig = el("figure", "passage");
    var q = el("blockquote");
    p.u.forEach(function (tu) {
      var para = el("p", tu.i ? "turn interviewer" : "turn");
      if (tu.s) { para.appendChild(el("b", null, tu.s + ":")); para.appendChild(document.createTextNode(" ")); }
      tu.x.forEach(function (line) {
        var span = el("span", "line");
        var ln = el("span", "ln", String(line[0]));
        ln.setAttribute("aria-label", "line " + line[0]);
        span.appendChild(ln);
        span.appendChild(document.createTextNode(" "));
        highlight(span, line[1], words);
        para.appendChild(span);
        para.appendChild(document.createTextNode(" "));
      });
      q.appendChild(para);
    });
    fig.appendChild(q);
    var cap = p.t + ":" + p.l;
    if (p.c && p.c.length) { cap += " · coded by " + p.c.join(", "); }
    fig.appendChild(el("figcaption", null, cap));
    return fig;
  }
  function highlight(parent, text, words) {
    if (!words || !words.length) { parent.appendChild(document.createTextNode(text)); return; }
    var lower = text.toLowerCase(), i = 0;
    while (i < text.length) {
      var best = -1, len = 0;
      words.forEach(function (w) {
        var at = lower.indexOf(w, i);
        if (at >= 0 && (best < 0 || at < best)) { best = at; len = w.length; }
      });
      if (best < 0) { break; }
      parent.appendChild(document.createTextNode(text.slice(i, best)));
      parent.appendChild(el("mark", null, text.slice(best, best + len)));
      i = best + len;
    }
    parent.appendChild(document.createTextNode(text.slice(i)));
  }
  function rowByIndex(i) {
    for (var k = 0; k < data.rows.length; k++) { if (data.rows[k].i === i) { return data.rows[k]; } }
    return null;
  }
  function openCell(r, c, from) {
    var row = rowByIndex(r);
    var key = r + "." + c;
    var ids = data.cells[key] || [];
    title.textContent = (row ? row.k : "") + " · " + data.cols[c] + ": " + noun(row ? row.v[c] : 0);
    body.textContent = "";
    var sum = data.sums && data.sums[key];
    if (sum) {
      var box = el("div", "summary");
      box.appendChild(el("strong", null, "Summary: "));
      box.appendChild(document.createTextNode(sum));
      body.appendChild(box);
    }
    ids.forEach(function (id) { body.appendChild(passage(data.p[id])); });
    if (!ids.length) { body.appendChild(el("p", null, "No passages.")); }
    opener = from;
    if (typeof dialog.showModal === "function") { dialog.showModal(); } else { dialog.setAttribute("open", ""); }
    document.getElementById("cell-close").focus();
  }
  function closeCell() {
    if (dialog.open) { dialog.close(); }
  }
  dialog.addEventListener("close", function () { if (opener) { opener.focus(); } });
  document.getElementById("cell-close").addEventListener("click", closeCell);
  dialog.addEventListener("click", function (e) { if (e.target === dialog) { closeCell(); } });

  var heat = document.getElementById("heat");
  if (heat) {
    heat.addEventListener("click", function (e) {
      var b = e.target.closest("button");
      if (!b) { return; }
      if (b.hasAttribute("data-more")) { more(b); return; }
      var tr = b.closest("tr[data-r]");
      if (!tr || !b.hasAttribute("data-c")) { return; }
      openCell(Number(tr.getAttribute("data-r")), Number(b.getAttribute("data-c")), b);
    });
  }
  // more adds up to 200 of a group's rows the page did not hold, so a
  // study of thousands of participants never lays out thousands of rows.
  function more(button) {
    var g = Number(button.getAttribute("data-more"));
    var tbody = button.closest("tbody");
    var moreRow = button.closest("tr");
    var group = data.groups[g];
    var shown = tbody.querySelectorAll("tr[data-r]").length;
    var upto = Math.min(group[1], shown + 200);
    for (var k = group[0] + shown; k < group[0] + upto; k++) {
      tbody.insertBefore(rowElement(data.rows[k]), moreRow);
    }
    if (upto >= group[1]) { moreRow.remove(); } else {
      var left = group[1] - upto;
      button.textContent = "Show " + left + " more row" + (left === 1 ? "" : "s");
    }
  }
  function rowElement(row) {
    var tr = el("tr");
    tr.setAttribute("data-r", String(row.i));
    var th = el("th", null, row.k);
    th.setAttribute("scope", "row");
    tr.appendChild(th);
    row.v.forEach(function (v, c) {
      var td = el("td", "h" + row.s[c]);
      var has = data.cells[row.i + "." + c];
      var inner = el(has ? "button" : "span", null, String(v));
      if (has) { inner.setAttribute("type", "button"); inner.setAttribute("data-c", String(c)); }
      inner.title = row.k + " · " + data.cols[c] + ": " + noun(v);
      td.appendChild(inner);
      tr.appendChild(td);
    });
    tr.appendChild(el("td", "n", String(row.t)));
    return tr;
  }

  // Search: every word of the query, in any case, in one passage.
  var input = document.getElementById("search");
  var results = document.getElementById("results");
  var form = document.getElementById("search-form");
  if (form) { form.addEventListener("submit", function (e) { e.preventDefault(); }); }
  var texts = null;
  function search() {
    var q = input.value.trim().toLowerCase();
    results.textContent = "";
    if (q.length < 2) { results.hidden = true; return; }
    if (!texts) {
      texts = data.p.map(function (p) {
        return p.u.map(function (tu) { return (tu.s || "") + " " + tu.x.map(function (l) { return l[1]; }).join(" "); }).join(" ").toLowerCase();
      });
    }
    var words = q.split(/\s+/);
    var hits = [];
    for (var i = 0; i < texts.length && hits.length < 100; i++) {
      if (words.every(function (w) { return texts[i].indexOf(w) >= 0; })) { hits.push(i); }
    }
    results.hidden = false;
    results.appendChild(el("h2", null, hits.length >= 100 ? "The first 100 passages" : noun1(hits.length)));
    hits.forEach(function (i) { results.appendChild(passage(data.p[i], words)); });
  }
  function noun1(n) { return n + " passage" + (n === 1 ? "" : "s"); }
  if (input) {
    input.addEventListener("input", search);
    input.addEventListener("keydown", function (e) { if (e.key === "Escape") { input.value = ""; search(); } });
  }
})();
