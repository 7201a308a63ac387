/* How the web editor reads and writes a record (practices/*.yaml), so that nothing an editor
   wrote changes on the way through the form. Pure functions: tests/test_web_editor.py runs them
   in Node on every real record and on tricky values.

   - Read as praktijkbank reads a record (generator/loader.py): an unquoted value is text unless
     it is null, true/false or a plain decimal integer. So `no`, `010`, `100.000` and
     `2022-09-23` stay the text they are (a YAML 1.1 reader makes them false, 8, 100 or a date).
   - Write every string that could be read as something else quoted, with the schema modeline
     on top. Every key is written, also one the form does not know.
   - A changed record is written into the file as it was: the fields that did not change keep
     their lines as they were (comments, quotes, folding); only the changed ones are written
     anew, so a pull request shows only what the editor changed. */
import { isMap, parseDocument, stringify, visit } from "./yaml/index.js";

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

// failsafe: every scalar arrives as text, with the style it was written in
function parsed(content) {
  const doc = parseDocument(content, { schema: "failsafe", uniqueKeys: true });
  if (doc.errors.length) throw new Error(doc.errors[0].message);
  return doc;
}

// the data of a parsed file: plain scalars resolved as praktijkbank does, quoted ones stay text
function resolved(doc) {
  visit(doc, {
    Scalar(_, node) {
      if (node.type === "PLAIN") node.value = resolvePlain(node.value);
    },
  });
  return doc.toJS() || {};
}

export function readRecord(content) {
  return resolved(parsed(content));
}

// a field's place in the form's order (Decap passes the names of its fields); a field the form
// does not know comes after them
function ranking(order) {
  return (key) => { const at = (order || []).indexOf(key); return at < 0 ? Infinity : at; };
}

// the record's fields in the form's order; unknown ones keep their own order after the rest
function ordered(data, order) {
  if (!order || !order.length || !data || typeof data !== "object" || Array.isArray(data)) return data;
  const rank = ranking(order);
  const keys = Object.keys(data).map((key, at) => [rank(key), at, key])
    .sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] - b[0]));
  return Object.fromEntries(keys.map(([, , key]) => [key, data[key]]));
}

const LAYOUT = { aliasDuplicateObjects: false, lineWidth: 100, minContentWidth: 40 };

// the core schema quotes every string it would read as null, a boolean or a number: a superset
// of what praktijkbank reads as one, so every string stays a string
function written(data) {
  return stringify(data, { schema: "core", ...LAYOUT });
}

const QUIET = /^\s*(#.*)?$/; // a blank or comment line

// The file as it was, cut into top-level fields: each with the comment and blank lines just
// above it (`lead`) and its own lines (`body`). null when it is not a plain block mapping.
function fields(doc, original) {
  if (!isMap(doc.contents) || doc.contents.flow) return null;
  const lines = original.replace(/\n$/, "").split("\n");
  const starts = [0];
  for (let i = 0; i < original.length; i++) if (original[i] === "\n") starts.push(i + 1);
  const lineOf = (offset) => { let line = 0; while (line + 1 < starts.length && starts[line + 1] <= offset) line++; return line; };
  const keyLines = doc.contents.items.map((pair) => lineOf(pair.key.range[0]));
  const leadStart = keyLines.map((line) => { while (line > 0 && QUIET.test(lines[line - 1])) line--; return line; });
  let tail = lines.length;
  while (tail > keyLines[keyLines.length - 1] + 1 && QUIET.test(lines[tail - 1])) tail--;
  const pieces = doc.contents.items.map((pair, i) => ({
    key: String(pair.key),
    lead: lines.slice(i === 0 ? 0 : leadStart[i], keyLines[i]),
    body: lines.slice(keyLines[i], i + 1 < keyLines.length ? leadStart[i + 1] : tail),
  }));
  return { pieces, tail: lines.slice(tail) };
}

export function writeRecord(data, order, original) {
  data = ordered(data, order);
  const doc = original === undefined ? null : parsed(original);
  const cut = doc === null ? null : fields(doc, original);
  if (cut === null) return MODELINE + written(data);
  const before = resolved(doc); // after the cut: resolving changes values, not where they stand
  const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key) && object[key] !== undefined;
  const fresh = (key) => written({ [key]: data[key] }).replace(/\n$/, "").split("\n");
  const rank = ranking(order);
  const added = Object.keys(data).filter((key) => has(data, key) && !has(before, key));
  const out = [];
  for (const piece of cut.pieces) {
    while (added.length && rank(added[0]) < rank(piece.key)) out.push(...fresh(added.shift()));
    out.push(...piece.lead); // comments an editor wrote stay, also above a field that goes
    if (!has(data, piece.key)) continue;
    const same = canonical(before[piece.key]) === canonical(data[piece.key]);
    out.push(...(same ? piece.body : fresh(piece.key)));
  }
  for (const key of added) out.push(...fresh(key));
  out.push(...cut.tail);
  const text = out.join("\n") + "\n";
  return text.startsWith(MODELINE) ? text : MODELINE + text;
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
