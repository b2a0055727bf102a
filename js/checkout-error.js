// CheckoutError, alone: the module of `credit-checkout/errors` (no engine), and bundled into each
// entry of the package. Copies of the class in different bundles (the browser entry, the lazy
// entry, the Node build, this module) recognise each other's errors through a registered symbol,
// so `e instanceof CheckoutError` holds whichever entry threw `e` and whichever one it is tested
// with.
const brand = Symbol.for("credit-checkout.CheckoutError");

/** Thrown by every Checkout call that fails: `code` and `field` of the first problem, and all of them. */
export class CheckoutError extends Error {
  /** `problems`: at least one `{ code, field, message, details? }`; `options`: `message` (else the
   * first problem's `code at field: message`) and `cause`. */
  constructor(problems, options) {
    const [{ code, field, message }] = problems;
    super(options?.message ?? (field ? `${code} at ${field}: ${message}` : `${code}: ${message}`), options);
    this.name = "CheckoutError";
    this.code = code;
    this.field = field;
    this.problems = problems;
  }

  static [Symbol.hasInstance](value) {
    return this === CheckoutError ? value?.[brand] === true : super[Symbol.hasInstance](value);
  }

  /** What crosses a `postMessage` or a JSON body: `{ name, message, code, field, problems }`. */
  toJSON() {
    // name, code, field and problems are the instance's own enumerable keys; message is not.
    return { ...this, message: this.message };
  }

  /** A CheckoutError again from `toJSON()`'s plain object (after a structured clone or JSON), or
   * from a problem list. Anything else is a TypeError. */
  static from(plain) {
    const problems = Array.isArray(plain) ? plain : plain?.problems;
    if (typeof problems?.[0]?.code !== "string") throw new TypeError("CheckoutError.from: not a problem list");
    return new CheckoutError(problems, { message: plain.message });
  }
}
CheckoutError.prototype[brand] = true;
