/* How the web editor reads and writes a record (practices/*.yaml), so that nothing an editor
   wrote changes on the way through the form. Pure functions: tests/test_web_editor.py runs them
   in Node on every real record and on tricky values.

   - Read as praktijkbank reads a record (generator/loader.py): an unquoted value is text unless
     it is null, true/false or a plain decimal integer. So `no`, `010`, `100.000` and
     `2022-09-23` stay the text they are (a YAML 1.1 reader makes them false, 8, 100 or a date).
   - Write every string that could be read as something else quoted, with the schema modeline
     on top. Every key is written, also one the form does not know. */
import { parseDocument, stringify, visit } from "./yaml/index.js";

export const MODELINE = "# yaml-language-server: $schema=../site_config/practice.schema.json\n";
const NULL = /^(?:~|null|Null|NULL|)$/;
const BOOL = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };
const INT = /^-?(?:0|[1-9][0-9]*)$/;

function resolvePlain(text) {
  if (NULL.test(text)) return null;
  if (Object.prototype.hasOwnProperty.call(BOOL, text)) return BOOL[text];
  if (INT.test(text) && text.length < 19) return parseInt(text, 10);
  return text;
}

export function readRecord(content) {
  // failsafe: every scalar arrives as text; plain ones are then resolved as praktijkbank does
  const doc = parseDocument(content, { schema: "failsafe", uniqueKeys: true });
  if (doc.errors.length) throw new Error(doc.errors[0].message);
  visit(doc, {
    Scalar(_, node) {
      if (node.type === "PLAIN") node.value = resolvePlain(node.value);
    },
  });
  return doc.toJS() || {};
}

export function writeRecord(data) {
  // the core schema quotes every string it would read as null, a boolean or a number: a
  // superset of what praktijkbank reads as one, so every string stays a string
  return MODELINE + stringify(data, { schema: "core", aliasDuplicateObjects: false, lineWidth: 100, minContentWidth: 40 });
}

// the same data with its keys sorted: a record is unchanged when this is equal
export function canonical(value) {
  if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
  if (value && typeof value === "object") {
    return "{" + Object.keys(value).sort().filter((k) => value[k] !== undefined)
      .map((k) => JSON.stringify(k) + ":" + canonical(value[k])).join(",") + "}";
  }
  return JSON.stringify(value === undefined ? null : value);
}
