/* Starts the web editor (Decap CMS) with the record format of praktijkbank-format.js. A record
   saved with its data unchanged is written back byte for byte (comments, quotes, folded text). */
import { canonical, readRecord, writeRecord } from "./praktijkbank-format.js";

const originals = new Map(); // canonical data -> the file's text as it was read

CMS.registerCustomFormat("praktijkbank-yaml", "yaml", {
  fromFile(content) {
    const data = readRecord(content);
    originals.set(canonical(data), content);
    return data;
  },
  toFile(data) {
    const before = originals.get(canonical(data));
    return before !== undefined ? before : writeRecord(data);
  },
});
// the preview pane in the site's own stylesheets (their names are written into the page at build time)
for (const sheet of JSON.parse(document.getElementById("pb-preview-styles").textContent)) {
  CMS.registerPreviewStyle(new URL(sheet, document.baseURI).href);
}
CMS.init();
