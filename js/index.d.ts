export { Checkout, version } from "./web/credit_checkout.js";
export type {
  Catalog, CatalogPackage, CatalogPlan, Commission, ErrorCode, InstallmentOption, IsoDate, LineKind, Money,
  Order, Problem, Quote, QuoteLine, TermOption,
} from "./web/credit_checkout.js";
import type { ErrorCode, Problem } from "./web/credit_checkout.js";

/** Thrown by every Checkout call that fails. */
export declare class CheckoutError extends Error {
  readonly name: "CheckoutError";
  /** The first problem's code. */
  readonly code: ErrorCode;
  /** The first problem's field path, such as "creditPackage.months"; "" for the whole order. */
  readonly field: string;
  /** Every problem found. */
  readonly problems: Problem[];
}
