// The upload form: one row of side, kind and date per chosen file, in the order the files are sent
// (the server reads the i-th side, kind and date as the i-th file's). Without script the form still
// uploads; the files then get no side, kind or date.
(function () {
  "use strict";
  var input = document.getElementById("files");
  var box = document.getElementById("file-meta");
  if (!input || !box) return;
  var kinds = (box.getAttribute("data-kinds") || "").split("|").filter(Boolean);
  function field(tag, attrs) {
    var el = document.createElement(tag);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    return el;
  }
  input.addEventListener("change", function () {
    while (box.firstChild) box.removeChild(box.firstChild);
    Array.prototype.forEach.call(input.files, function (file) {
      var row = field("div", {"class": "meta-fields file-row"});
      var name = field("span", {"class": "file-name"});
      name.textContent = file.name;  // text, never markup
      var side = field("input", {name: "side", type: "text", list: "sides", maxlength: "80",
                                 placeholder: "side: press or a party", "aria-label": "side of " + file.name});
      var kind = field("select", {name: "kind", "aria-label": "kind of " + file.name});
      kind.appendChild(new Option("kind", ""));
      kinds.forEach(function (k) { kind.appendChild(new Option(k, k)); });
      var date = field("input", {name: "date", type: "date", "aria-label": "date of " + file.name});
      [name, side, kind, date].forEach(function (el) { row.appendChild(el); });
      box.appendChild(row);
    });
  });
})();
