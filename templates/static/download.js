/* CCHC open data: download what the targets explorer shows (the rows its filters leave), as
   CSV (UTF-8, for R, pandas, Datasette), CSV for Excel (UTF-8 with a byte-order mark, so a
   double-click opens it right) or XLSX (Excel). Progressive enhancement: without JavaScript
   the page links the per-facet pages and the whole data set. Written here, from the page's
   own rows: no library, no network request. */
(function () {
  "use strict";
  var box = document.querySelector("[data-download-for]");
  if (!box) { return; }
  var table = document.getElementById(box.getAttribute("data-download-for"));
  if (!table) { return; }
  var COLUMNS = ["id", "place", "place_name", "statement", "indicator", "level", "comparator", "value", "unit",
                 "year", "progress", "source_url"];
  var site = box.getAttribute("data-site") || window.location.href;  /* the public address, when configured */

  /* A row's fields: codes the cells do not show are in data-x-*; the rest is read from what the
     row shows (its place link, statement, value, status and source link), so no row says it twice. */
  function fields(row) {
    var cells = row.cells, text = function (el) { return el ? el.textContent.trim() : ""; };
    var source = row.querySelector('td.statement a[href*="/documents/"]');
    var place = (row.getAttribute("data-place") || "").split(" ");
    return {
      id: row.getAttribute("data-x-id") || "",
      place: place[place.length - 1],
      place_name: text(cells[0].querySelector("a")),
      statement: text(row.querySelector("td.statement").firstChild),
      indicator: row.getAttribute("data-indicator") || "",
      level: row.getAttribute("data-x-level") || "",
      comparator: row.getAttribute("data-x-comparator") || "",
      value: (row.querySelector("td.num[data-value]") || { getAttribute: function () { return ""; } }).getAttribute("data-value"),
      unit: row.getAttribute("data-x-unit") || "",
      year: row.getAttribute("data-year") || "",
      progress: text(row.querySelector(".status")),
      source_url: source ? new URL(source.getAttribute("href").replace("#", "#q-"), site).href : ""
    };
  }

  function shownRows() {
    return Array.prototype.filter.call(table.tBodies[0].rows, function (row) { return !row.hidden; })
      .map(function (row) {
        var values = fields(row);
        return COLUMNS.map(function (name) { return values[name]; });
      });
  }

  function csv(rows) {
    return [COLUMNS].concat(rows).map(function (row) {
      return row.map(function (cell) {
        return /[",\r\n]/.test(cell) ? '"' + cell.replace(/"/g, '""') + '"' : cell;
      }).join(",");
    }).join("\r\n") + "\r\n";
  }

  /* XLSX: a zip (stored, not deflated) of the five SpreadsheetML parts; text as inline strings
     (never a formula), numbers as numbers. */
  function escapeXml(text) {
    return text.replace(/[<>&"]/g, function (c) { return { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" }[c]; })
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
  }
  function column(i) { var s = ""; i += 1; while (i > 0) { var m = (i - 1) % 26; s = String.fromCharCode(65 + m) + s; i = Math.floor((i - 1) / 26); } return s; }
  function sheet(rows) {
    var xml = [];
    [COLUMNS].concat(rows).forEach(function (row, r) {
      xml.push('<row r="' + (r + 1) + '">' + row.map(function (cell, c) {
        var ref = column(c) + (r + 1);
        if (r > 0 && (COLUMNS[c] === "value" || COLUMNS[c] === "year") && /^-?\d+(\.\d+)?$/.test(cell)) {
          return '<c r="' + ref + '"><v>' + cell + "</v></c>";
        }
        return '<c r="' + ref + '" t="inlineStr"><is><t xml:space="preserve">' + escapeXml(cell) + "</t></is></c>";
      }).join("") + "</row>");
    });
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + xml.join("") + "</sheetData></worksheet>";
  }
  var CRC = (function () { var t = [], c, n, k; for (n = 0; n < 256; n++) { c = n; for (k = 0; k < 8; k++) { c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1; } t[n] = c >>> 0; } return t; }());
  function crc32(bytes) { var c = 0xFFFFFFFF; for (var i = 0; i < bytes.length; i++) { c = CRC[(c ^ bytes[i]) & 0xFF] ^ (c >>> 8); } return (c ^ 0xFFFFFFFF) >>> 0; }
  function zip(files) {
    var encoder = new TextEncoder(), parts = [], central = [], offset = 0;
    function u16(v) { return [v & 255, (v >>> 8) & 255]; }
    function u32(v) { return [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255]; }
    files.forEach(function (file) {
      var name = encoder.encode(file[0]), data = encoder.encode(file[1]), crc = crc32(data);
      var common = [].concat(u16(20), u16(0x0800), u16(0), u16(0), u16(0x21), u32(crc), u32(data.length), u32(data.length), u16(name.length), u16(0));
      var local = new Uint8Array([].concat(u32(0x04034b50), common));
      parts.push(local, name, data);
      central.push(new Uint8Array([].concat(u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u32(0), u32(offset))), name);
      offset += local.length + name.length + data.length;
    });
    var size = central.reduce(function (n, p) { return n + p.length; }, 0);
    var end = new Uint8Array([].concat(u32(0x06054b50), u16(0), u16(0), u16(files.length), u16(files.length), u32(size), u32(offset), u16(0)));
    return new Blob(parts.concat(central, [end]), { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  }
  function xlsx(rows) {
    var ns = "http://schemas.openxmlformats.org/";
    return zip([
      ["[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="' + ns + 'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'],
      ["_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="' + ns + 'package/2006/relationships"><Relationship Id="rId1" Type="' + ns + 'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
      ["xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="' + ns + 'spreadsheetml/2006/main" xmlns:r="' + ns + 'officeDocument/2006/relationships"><sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>'],
      ["xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="' + ns + 'package/2006/relationships"><Relationship Id="rId1" Type="' + ns + 'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
      ["xl/worksheets/sheet1.xml", sheet(rows)]
    ]);
  }

  function save(blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  var name = box.getAttribute("data-name") || "targets";
  box.hidden = false;
  Array.prototype.forEach.call(box.querySelectorAll("button[data-format]"), function (button) {
    button.addEventListener("click", function () {
      var rows = shownRows(), format = button.getAttribute("data-format");
      if (format === "xlsx") { save(xlsx(rows), name + ".xlsx"); return; }
      var text = csv(rows);
      save(new Blob([format === "csv-excel" ? "\ufeff" + text : text], { type: "text/csv;charset=utf-8" }),
           name + (format === "csv-excel" ? "-excel" : "") + ".csv");
    });
  });
}());
