// The package's API over the Wasm engine, the same for the browser and Node builds.
//
// Inputs: JS values are checked and written as JSON text here, before they cross: only what JSON
// can carry gets through (plain objects by their own enumerable keys, arrays, strings, finite
// numbers, booleans, null; a key whose value is undefined is absent). Everything else is a
// CheckoutError with its path: NaN and infinities, BigInt, functions, symbols, Dates, Maps and
// class instances, unpaired surrogates, getters and proxies that throw, and nesting deeper than
// any order (which also stops cyclic objects). No prototype is touched.
//
// Outputs: the engine answers in the text protocol of src/io/wire/, read back by ./decode.js into
// plain objects; display strings are written with Intl.NumberFormat (./money.js).
import { CheckoutError } from "./checkout-error.js";
import { readOptions, readQuote, readRenewal } from "./decode.js";

/** Deeper than any order or catalog nests. */
const MAX_DEPTH = 16;
/** More values than any order or catalog holds (shared references to large arrays could make a
 * small object take minutes to read). */
const MAX_VALUES = 20000;
const MAX_ITEMS = 10000;
const INPUT = "INVALID_INPUT";
const utf8 = new TextEncoder();
const NONE = new Uint8Array(0);
const CATALOG = "INVALID_CATALOG";

/** A value that cannot be read; the path is where the walk stands. */
class Refused {
  constructor(message) {
    this.message = message;
  }
}

const plainKey = /^[A-Za-z0-9_$]+$/;

/** `a.b[0]["odd key"]`: the field path of src/json.rs. */
function pathOf(segments) {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (plainKey.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = typeof "".isWellFormed === "function" ? (s) => s.isWellFormed() : (s) => !lone.test(s);

function problemError(code, field, message) {
  return new CheckoutError([{ code, field, message }]);
}

/** JSON text written straight as UTF-8 bytes, the form the engine reads: no string to build,
 * flatten and encode on every keystroke. One buffer is kept for the next call, unless a getter
 * calls back into the package while it is in use. */
class Bytes {
  constructor(size) {
    this.buf = new Uint8Array(size);
    this.pos = 0;
  }

  room(n) {
    if (this.pos + n > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
      grown.set(this.buf.subarray(0, this.pos));
      this.buf = grown;
    }
  }

  byte(b) {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  /** Text known to be ASCII: numbers, literals. */
  ascii(s) {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }

  /** `s` as a JSON string. Most texts of an order are ASCII with nothing to escape: they are
   * copied as they are, and JSON.stringify with TextEncoder is left for the others. */
  string(s) {
    const start = this.pos;
    this.room(s.length + 2);
    const buf = this.buf;
    let pos = start;
    buf[pos++] = 0x22;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 0x80) return this.escaped(s, start);
      buf[pos++] = c;
    }
    buf[pos++] = 0x22;
    this.pos = pos;
  }

  escaped(s, start) {
    if (!wellFormed(s)) throw new Refused("contains an unpaired surrogate: not valid Unicode text");
    const json = JSON.stringify(s);
    this.pos = start;
    this.room(json.length * 3);
    this.pos += utf8.encodeInto(json, this.buf.subarray(this.pos)).written;
  }
}

let spare = new Bytes(1024);

/** `value` as JSON bytes, or a CheckoutError with `code` and the path of the first bad value. */
function toJson(value, code) {
  const out = spare ?? new Bytes(1024);
  spare = null;
  out.pos = 0;
  const walk = { budget: MAX_VALUES, path: [] };
  try {
    write(value, walk, 0, out);
    return out.buf.subarray(0, out.pos);
  } catch (e) {
    const message = e instanceof Refused ? e.message : "could not be read";
    throw problemError(code, pathOf(walk.path), message);
  } finally {
    // A huge input's buffer is let go rather than kept.
    spare = out.buf.length <= 65536 ? out : new Bytes(1024);
  }
}

function write(v, walk, depth, out) {
  if (depth > MAX_DEPTH) throw new Refused("nested too deeply (or refers to itself)");
  if (--walk.budget < 0) throw new Refused("holds more values than any order");
  switch (typeof v) {
    case "string":
      return out.string(v);
    case "number": {
      if (!Number.isFinite(v)) throw new Refused("must be a finite number");
      // Exact integers as integers (-0 is 0); anything else as a number the engine will not
      // read as a whole number.
      if (Number.isSafeInteger(v)) return out.ascii(String(v));
      const text = String(v);
      return out.ascii(text.includes(".") || text.includes("e") ? text : `${text}.0`);
    }
    case "boolean":
      return out.ascii(v ? "true" : "false");
    case "undefined":
      throw new Refused("is undefined: a value is required");
    case "bigint":
      throw new Refused("is a BigInt: use a number");
    case "object":
      break;
    default:
      throw new Refused("is not JSON data (a function or a symbol)");
  }
  if (v === null) return out.ascii("null");
  let isArray;
  try {
    isArray = Array.isArray(v);
  } catch {
    throw new Refused("could not be read");
  }
  return isArray ? writeArray(v, walk, depth, out) : writeObject(v, walk, depth, out);
}

function writeArray(v, walk, depth, out) {
  let length;
  try {
    length = v.length;
  } catch {
    throw new Refused("could not be read");
  }
  if (typeof length !== "number") throw new Refused("could not be read");
  if (length > MAX_ITEMS) throw new Refused("has more than 10,000 items");
  out.byte(0x5b);
  for (let i = 0; i < length; i++) {
    walk.path.push(i);
    let item;
    try {
      item = v[i];
    } catch {
      throw new Refused("could not be read");
    }
    if (i > 0) out.byte(0x2c);
    if (item === undefined) out.ascii("null");
    else write(item, walk, depth + 1, out);
    walk.path.pop();
  }
  out.byte(0x5d);
}

function writeObject(v, walk, depth, out) {
  let prototype;
  try {
    prototype = Object.getPrototypeOf(v);
  } catch {
    throw new Refused("could not be read");
  }
  if (prototype !== null && prototype !== Object.prototype) {
    throw new Refused(
      prototype === Date.prototype
        ? 'is a Date: write dates as "YYYY-MM-DD" strings'
        : "is not a plain object (a Map, a class instance...)",
    );
  }
  let keys;
  try {
    keys = Object.keys(v);
  } catch {
    throw new Refused("could not be read");
  }
  out.byte(0x7b);
  let first = true;
  for (const key of keys) {
    walk.path.push(key);
    // The key is written (and checked) first, and taken back if its value is undefined.
    const mark = out.pos;
    if (!first) out.byte(0x2c);
    out.string(key);
    out.byte(0x3a);
    let item;
    try {
      item = v[key];
    } catch {
      throw new Refused("could not be read (a getter threw)");
    }
    if (item === undefined) {
      out.pos = mark;
    } else {
      first = false;
      write(item, walk, depth + 1, out);
    }
    walk.path.pop();
  }
  out.byte(0x7d);
}

/** Throws the engine's failure (`E` and JSON) as a CheckoutError. */
function check(answer) {
  if (answer.charCodeAt(0) === 69 /* E */) {
    const { message, problems } = JSON.parse(answer.slice(1));
    throw new CheckoutError(problems, { message });
  }
  return answer;
}

/** The order's locale for display strings, read without letting a getter escape. */
function localeOf(order) {
  try {
    const locale = order.locale;
    return typeof locale === "string" ? locale : undefined;
  } catch {
    return undefined;
  }
}

const notACheckout = () => problemError("NOT_A_CHECKOUT", "", "not called on a Checkout");
const freed = () => {
  throw problemError("CHECKOUT_FREED", "", "called after free()");
};

/** The engine's calls (src/wasm/mod.rs): one export takes them all. */
const QUOTE = 0;
const VALIDATE = 1;
const PACKAGE_TERMS = 2;
const INSTALLMENT_OPTIONS = 3;
const VERIFY = 4;
const LOAD = 5;
const RENEWAL = 6;

/** The public API over one build of the Wasm module (`glue`: its wasm-bindgen exports `Engine` and
 * `about`, which the Node build wraps to instantiate the module on first use). Nothing is asked of
 * the module before a Checkout or the version is. */
export function api(glue) {
  let about = null;
  /** The version and the default catalog, asked of the module once. */
  const info = () => {
    if (about === null) {
      const text = glue.about();
      const newline = text.indexOf("\n");
      about = { version: text.slice(0, newline), catalog: text.slice(newline + 1) };
    }
    return about;
  };

  class Checkout {
    #engine;
    #catalog;

    /** A checkout over `catalog`, or over the embedded default catalog (example prices). */
    constructor(catalog) {
      const engine = new glue.Engine();
      if (catalog !== undefined && catalog !== null) {
        const bytes = toJson(catalog, CATALOG);
        const text = new TextDecoder().decode(bytes);
        const answer = engine.call(LOAD, bytes, NONE);
        if (answer !== "") {
          engine.free();
          check(answer);
        }
        this.#catalog = text;
      }
      this.#engine = engine;
    }

    /** The engine of `self`, or a CheckoutError for a call on something else or after free(). */
    static #of(self) {
      if (!(#engine in Object(self))) throw notACheckout();
      return self.#engine ?? freed();
    }

    /** The catalog in use, as a new plain object. */
    get catalog() {
      Checkout.#of(this);
      return JSON.parse(this.#catalog ?? info().catalog);
    }

    quote(order) {
      const answer = check(Checkout.#of(this).call(QUOTE, toJson(order, INPUT), NONE));
      return readQuote(answer, localeOf(order));
    }

    /** Every problem with `order`; empty when it can be quoted. Never throws for a bad order. */
    validate(order) {
      const engine = Checkout.#of(this);
      let bytes;
      try {
        bytes = toJson(order, INPUT);
      } catch (e) {
        return e.problems;
      }
      return JSON.parse(engine.call(VALIDATE, bytes, NONE));
    }

    packageTerms(order) {
      return JSON.parse(check(Checkout.#of(this).call(PACKAGE_TERMS, toJson(order, INPUT), NONE)));
    }

    installmentOptions(order) {
      const answer = check(Checkout.#of(this).call(INSTALLMENT_OPTIONS, toJson(order, INPUT), NONE));
      return readOptions(answer, localeOf(order));
    }

    /** R17: what the next automatic charge of `request.account` will be. */
    renewal(request) {
      const answer = check(Checkout.#of(this).call(RENEWAL, toJson(request, INPUT), NONE));
      return readRenewal(answer, localeOf(request));
    }

    verify(order, fingerprint) {
      const engine = Checkout.#of(this);
      const bytes = toJson(order, INPUT);
      if (typeof fingerprint !== "string") throw problemError(INPUT, "fingerprint", "must be a string");
      return check(engine.call(VERIFY, bytes, utf8.encode(fingerprint))) === "1";
    }

    /** Releases the engine's memory now rather than when the object is collected; later calls
     * throw a CheckoutError (CHECKOUT_FREED). Freeing twice does nothing. */
    free() {
      if (!(#engine in Object(this))) throw notACheckout();
      this.#engine?.free();
      this.#engine = null;
    }
  }
  if (typeof Symbol.dispose === "symbol") {
    Checkout.prototype[Symbol.dispose] = function dispose() {
      this.free();
    };
  }
  return { Checkout, version: () => info().version };
}
