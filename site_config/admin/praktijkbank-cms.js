/* Starts the web editor (Decap CMS) with the record format of praktijkbank-format.js. A record
   saved with its data unchanged is written back byte for byte; a changed one into the file as it
   was read, so its comments stay. Decap gives the format only the data, so the file it came from
   is the one read with the same title or summary (an edit rarely changes both). */
import { canonical, readRecord, writeRecord } from "./praktijkbank-format.js";

const originals = new Map(); // canonical data -> the file's text as it was read
const read = []; // [data, text] of every file read

function sameRecord(data) {
  let best, most = -1;
  for (const [before, text] of read) {
    if (before.title !== data.title && before.summary !== data.summary) continue;
    const equal = Object.keys(data).filter((k) => canonical(before[k]) === canonical(data[k])).length;
    if (equal > most) [best, most] = [text, equal];
  }
  return best;
}

CMS.registerCustomFormat("praktijkbank-yaml", "yaml", {
  fromFile(content) {
    const data = readRecord(content);
    originals.set(canonical(data), content);
    read.push([data, content]);
    return data;
  },
  toFile(data, fieldsOrder) {
    const before = originals.get(canonical(data));
    return before !== undefined ? before : writeRecord(data, fieldsOrder, sameRecord(data));
  },
});
// the preview pane in the site's own stylesheets (their names are written into the page at build time)
for (const sheet of JSON.parse(document.getElementById("pb-preview-styles").textContent)) {
  CMS.registerPreviewStyle(new URL(sheet, document.baseURI).href);
}

// A preview in the site's typography (Material's md-typeset): the parts an editor writes as text
const h = window.h;
function paragraphs(text) {
  return String(text || "").split(/\n\s*\n/).filter((p) => p.trim()).map((p, i) => h("p", { key: i }, p));
}
function list(heading, items) {
  if (!items || !items.size) return null;
  return [h("h2", { key: "h" }, heading), h("ul", { key: "l" }, items.toArray().map((item, i) => h("li", { key: i }, String(item))))];
}
CMS.registerPreviewTemplate("praktijken", ({ entry }) => {
  const data = (key) => entry.getIn(["data", key]);
  const organisations = data("organisations");
  return h("article", { className: "md-typeset", style: { padding: "1rem 1.5rem", fontSize: "0.8rem" } },
    h("h1", {}, data("title") || "Nieuwe praktijk"),
    ...paragraphs(data("summary")),
    organisations && organisations.size
      ? h("p", {}, h("strong", {}, "Organisaties: "), organisations.toArray().map((o) => o.get("name")).filter(Boolean).join(", "))
      : null,
    ...paragraphs(data("description")),
    list("Wat werkte", data("worked")), list("Wat niet werkte", data("failed")), list("Lessen", data("lessons")));
});
CMS.init();
