// Declarations of the package `credit-checkout` (SPEC 5): the Checkout class and every input and
// output it takes or gives.

/** Money is a decimal string with exactly the catalog's `minorUnits` decimals, such as "12.50". */
export type Money = string;
/** A calendar date written YYYY-MM-DD. */
export type IsoDate = string;

export type ErrorCode =
  | "INVALID_INPUT" | "INVALID_FIELD" | "INVALID_CATALOG" | "NOT_ADMIN" | "NO_ACTIVE_SUBSCRIPTION"
  | "SUBSCRIPTION_ALREADY_ACTIVE" | "CUSTOM_CREDITS_TOO_LOW" | "CUSTOM_CREDITS_NOT_A_STEP"
  | "CUSTOM_CREDITS_TOO_HIGH" | "UNKNOWN_PACKAGE" | "UNKNOWN_PLAN" | "PACKAGE_TERM_TOO_SHORT"
  | "PACKAGE_TERM_EXCEEDS_SUBSCRIPTION" | "INSTALLMENTS_NOT_AVAILABLE" | "INSTALLMENTS_TOO_MANY"
  | "UNKNOWN_PAYMENT_METHOD" | "PLAN_NOT_AN_UPGRADE" | "AMOUNT_OVERFLOW" | "EMPTY_ORDER";

/** One problem with an order or a catalog. */
export interface Problem {
  code: ErrorCode;
  /** A path such as "creditPackage.months"; "" for whole-order problems. */
  field: string;
  message: string;
  /** Nearest valid values (`below`, `above`), `maxMonths`, `renewalNeeded`, installment `reason`... */
  details?: Record<string, unknown>;
}

export interface CatalogPlan {
  id: string; name: string; seatPricePerMonth: Money; creditsPerSeatPerMonth: number;
}
export interface CatalogPackage {
  id: string; name: string; creditsPerMonth: number; pricePerMonth: Money;
  step?: { credits: number; pricePerMonth: Money };
  maxCreditsPerMonth?: number;
}
export type Commission =
  | { model: "percent_by_count"; percent: Record<string, string> }
  | { model: "monthly_rate"; percent: string };
export interface Catalog {
  version: string;
  note?: string;
  currency: string;
  minorUnits: number;
  plans: CatalogPlan[];
  subscriptionTerms: number[];
  creditPackages: CatalogPackage[];
  packageTerm: { minMonths: number; currentCycle: "charge_full" | "prorate" };
  paymentMethods: string[];
  installments: {
    countries: string[]; methods: string[]; processor: string;
    maxCount: number; commissionFrom: number; commission: Commission;
  };
}

export interface Order {
  /** The account's local date; the library reads no clock. */
  asOf: IsoDate;
  account: {
    country: string;
    role: "admin" | "member";
    plan: string;
    seats: number;
    subscription?: {
      status: "active" | "none" | "expired";
      termMonths?: number; periodStart?: IsoDate; periodEnd?: IsoDate;
    } | null;
    autoRenewal: boolean;
  };
  subscription?: { renew?: boolean | null; upgradeTo?: string | null; addSeats?: number | null } | null;
  newSubscription?: { plan: string; seats: number; termMonths: number } | null;
  creditPackage?: { id: string; creditsPerMonth?: number | null; months: number } | null;
  payment: { method: string; installments?: number };
  invoice?: { companyName: string; country: string; address?: string | null } | null;
  /** Display strings only, such as "pt-BR". */
  locale?: string | null;
}

export type LineKind =
  | "subscription_new" | "subscription_renewal" | "subscription_upgrade" | "subscription_seats" | "credit_package";

export interface QuoteLine {
  kind: LineKind; description: string; quantity: number; unitPrice: Money; months: number;
  periodStart: IsoDate; periodEnd: IsoDate; amount: Money;
  /** Prorated lines: the days covered out of the period's days. */
  proration?: { days: number; periodDays: number };
}

export interface Quote {
  currency: string;
  lines: QuoteLine[];
  subtotal: Money; commission: Money; total: Money;
  installments: {
    count: number; interestFree: boolean; commissionPercent: string; processor: string | null;
    schedule: { number: number; dueDate: IsoDate; amount: Money }[];
  };
  creditPackage: {
    id: string; creditsPerMonth: number; months: number; start: IsoDate; end: IsoDate;
    renewsWithSubscription: boolean;
  } | null;
  credits: {
    includedPerMonth: number; packagePerMonth: number; totalPerMonth: number; nextReset: IsoDate;
    cycles: { start: IsoDate; end: IsoDate; included: number; package: number; total: number }[];
  };
  subscription: { plan: string; seats: number; periodEnd: IsoDate };
  autoRenewal: { before: boolean; after: boolean; reason: "subscription_action" | "unchanged" };
  payment: { method: string; chargedTo: string };
  notices: { code: "USES_SAVED_CARD" | "AUTO_RENEWAL_ENABLED" | "UNUSED_CREDITS_EXPIRE"; message: string }[];
  display: { subtotal: string; commission: string; total: string; installment: string };
  fingerprint: string;
}

export interface TermOption { months: number; start: IsoDate; end: IsoDate; price: Money }
export interface InstallmentOption {
  count: number; amount: Money; total: Money; commission: Money; interestFree: boolean; label: string;
}

/** The checkout engine for one catalog. Never throws anything but a CheckoutError for bad input. */
export declare class Checkout {
  /** A checkout over `catalog`, or over the embedded default catalog (example prices) when it is
   * omitted. Throws a CheckoutError with code INVALID_CATALOG naming the field. */
  constructor(catalog?: Catalog | null);
  /** The catalog in use, as a new plain object. */
  readonly catalog: Catalog;
  /** The quote of `order`. Throws a CheckoutError carrying every problem. */
  quote(order: Order): Quote;
  /** Every problem with `order`; empty when it can be quoted. Never throws for a bad order. */
  validate(order: Order): Problem[];
  /** The valid terms for `order.creditPackage`, with dates and price. */
  packageTerms(order: Order): TermOption[];
  /** Every installment count `order` may be paid in, with amounts; `[1]` where not available. */
  installmentOptions(order: Order): InstallmentOption[];
  /** Whether `fingerprint` matches the quote recomputed for `order`. */
  verify(order: Order, fingerprint: string): boolean;
  /** Releases the engine's memory now rather than when the object is collected. */
  free(): void;
  [Symbol.dispose](): void;
}

/** The library's version, part of every fingerprint. */
export declare function version(): string;

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
