/** Thrown by every Checkout call that fails: `code` and `field` of the first problem, and all of them. */
export class CheckoutError extends Error {
  constructor(message, code, field, problems) {
    super(message);
    this.name = "CheckoutError";
    this.code = code;
    this.field = field;
    this.problems = problems;
  }
}
