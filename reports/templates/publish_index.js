// Sorting and filtering for index.html, no library. Rows carry data-* attributes; numeric cells data-v.
(function () {
  "use strict";
  var table = document.getElementById("communities");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var shown = document.getElementById("shown");
  var controls = ["q", "district", "grade", "gaps", "audited"].map(function (id) {
    return document.getElementById(id);
  });

  function filter() {
    var q = controls[0].value.trim().toLowerCase();
    var district = controls[1].value;
    var grade = controls[2].value;
    var onlyGaps = controls[3].checked;
    var onlyAudited = controls[4].checked;
    var count = 0;
    rows.forEach(function (row, i) {
      var visible = (!q || texts[i].indexOf(q) !== -1) &&
        (!district || row.dataset.district === district) &&
        (!grade || row.dataset.grade === grade) &&
        (!onlyGaps || row.dataset.gaps !== "0") &&
        (!onlyAudited || row.dataset.audited === "1");
      row.hidden = !visible;
      if (visible) { count += 1; }
    });
    shown.textContent = shown.dataset.template
      .replace("{shown}", String(count)).replace("{count}", String(rows.length));
  }

  function key(row, column, numeric) {
    var cell = row.cells[column];
    if (numeric) {
      var v = cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent;
      return parseFloat(v) || 0;
    }
    return cell.textContent.trim();
  }

  function sortBy(th) {
    var column = th.cellIndex;
    var numeric = th.dataset.type === "num";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.cells, function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var order = rows.map(function (row, i) { return [key(row, column, numeric), i]; });
    order.sort(function (a, b) {
      var c = numeric ? a[0] - b[0] : a[0].localeCompare(b[0], "zh-Hans-CN");
      return (ascending ? c : -c) || a[1] - b[1];
    });
    var fragment = document.createDocumentFragment();
    order.forEach(function (pair) { fragment.appendChild(rows[pair[1]]); });
    body.appendChild(fragment);
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    th.addEventListener("click", function () { sortBy(th); });
  });
  controls.forEach(function (control) {
    control.addEventListener(control.type === "search" ? "input" : "change", filter);
  });
}());
