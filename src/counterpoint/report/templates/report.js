(function () {
  "use strict";
  // Account texts arrive as JSON data, never as markup: they are only ever put into the page
  // through textContent and DOM ranges, so markup inside an account stays inert text.
  var accounts = JSON.parse(document.getElementById("cp-accounts").textContent);
  var layout = document.getElementById("layout");
  var panel = document.getElementById("source");
  var title = document.getElementById("source-title");
  var meta = document.getElementById("source-meta");
  var body = document.getElementById("source-text");
  var active = null;

  // Report offsets count Unicode code points (Python); JavaScript strings count UTF-16 units.
  function utf16(text, cp) {
    if (!/[\uD800-\uDFFF]/.test(text)) return cp;
    var i = 0, n = 0;
    while (n < cp && i < text.length) {
      var c = text.charCodeAt(i);
      i += (c >= 0xD800 && c <= 0xDBFF) ? 2 : 1;
      n += 1;
    }
    return i;
  }

  function show(id, start, end) {
    var acc = Object.prototype.hasOwnProperty.call(accounts, id) ? accounts[id] : null;
    layout.classList.add("with-source");
    panel.hidden = false;
    body.textContent = "";
    if (!acc) {
      title.textContent = id;
      meta.textContent = "this account's text is not in the report";
      return;
    }
    title.textContent = acc.label;
    var node = document.createTextNode(acc.text);
    body.appendChild(node);
    var s = utf16(acc.text, start), e = utf16(acc.text, end);
    if (!(e > s) || e > acc.text.length) {
      meta.textContent = acc.meta;
      body.scrollTop = 0;
      return;
    }
    meta.textContent = acc.meta + " \u00b7 characters " + start + "\u2013" + end;
    var range = document.createRange();
    range.setStart(node, s);
    range.setEnd(node, e);
    var mark = document.createElement("mark");
    mark.id = "source-mark";
    range.surroundContents(mark);
    body.scrollTop = Math.max(0, mark.offsetTop - body.clientHeight / 3);
  }

  // Filters: every item marked data-filter carries its party, status, topics and accounts.
  var filters = document.getElementById("filters");
  var count = document.getElementById("filter-count");
  function applyFilters() {
    var want = {}, keys = 0;
    Array.prototype.forEach.call(filters.querySelectorAll("select"), function (s) {
      if (s.value) { want[s.getAttribute("data-filter-key")] = s.value === "-" ? "" : s.value; keys += 1; }
    });
    var shown = 0, total = 0;
    Array.prototype.forEach.call(document.querySelectorAll("[data-filter]"), function (el) {
      var ok = true;
      for (var k in want) {
        var v = el.getAttribute("data-" + k) || "";
        var vals = (k === "topics" || k === "accounts") ? v.split("|") : [v];
        if (vals.indexOf(want[k]) < 0) { ok = false; break; }
      }
      el.hidden = !ok;
      total += 1;
      if (ok) shown += 1;
    });
    count.textContent = keys ? shown + " of " + total + " items shown" : "";
  }
  if (filters) filters.addEventListener("change", applyFilters);

  function reveal(target) {
    for (var p = target.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") p.open = true;
    }
    target.hidden = false;
    target.scrollIntoView({block: "center"});
    target.classList.add("active");
  }

  document.addEventListener("click", function (ev) {
    var link = ev.target.closest ? ev.target.closest("a.to-claim") : null;
    if (link) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        ev.preventDefault();
        reveal(target);
      }
      return;
    }
    var el = ev.target.closest ? ev.target.closest("[data-account]") : null;
    if (el) {
      ev.preventDefault();
      if (active) active.classList.remove("active");
      active = el;
      el.classList.add("active");
      show(el.getAttribute("data-account"), parseInt(el.getAttribute("data-start"), 10) || 0,
           parseInt(el.getAttribute("data-end"), 10) || 0);
      return;
    }
    if (ev.target.id === "source-close") {
      panel.hidden = true;
      layout.classList.remove("with-source");
      if (active) active.classList.remove("active");
      active = null;
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && !panel.hidden) document.getElementById("source-close").click();
  });
})();
