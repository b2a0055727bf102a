// Declarations of the package `credit-checkout` (SPEC 5): the Checkout class, loadCheckout(),
// CheckoutError and every input and output they take or give. Self-contained: no `lib` beyond
// ES2020 is needed (with `esnext.disposable`, Checkout is also Disposable), and no @types/node.

/** Money is a decimal string with exactly the catalog's `minorUnits` decimals, such as "12.50". */
export type Money = string;
/** A calendar date written YYYY-MM-DD. */
export type IsoDate = string;

/** The codes of the engine's problems (SPEC 4), then the package's own: the module could not be
 * loaded, a call on a freed Checkout, a method called on something that is not a Checkout. */
export type ErrorCode =
  | "INVALID_INPUT" | "INVALID_FIELD" | "INVALID_CATALOG" | "NOT_ADMIN" | "NO_ACTIVE_SUBSCRIPTION"
  | "SUBSCRIPTION_ALREADY_ACTIVE" | "CUSTOM_CREDITS_TOO_LOW" | "CUSTOM_CREDITS_NOT_A_STEP"
  | "CUSTOM_CREDITS_TOO_HIGH" | "UNKNOWN_PACKAGE" | "UNKNOWN_PLAN" | "PACKAGE_TERM_TOO_SHORT"
  | "PACKAGE_TERM_EXCEEDS_SUBSCRIPTION" | "INSTALLMENTS_NOT_AVAILABLE" | "INSTALLMENTS_TOO_MANY"
  | "UNKNOWN_PAYMENT_METHOD" | "PLAN_NOT_AN_UPGRADE" | "AMOUNT_OVERFLOW" | "EMPTY_ORDER"
  | "PACKAGE_NOT_AN_UPGRADE" | "ALREADY_RENEWED"
  | "WASM_LOAD_FAILED" | "CHECKOUT_FREED" | "NOT_A_CHECKOUT";

/** The `details` of each code; `undefined` where a code has none. */
export interface ProblemDetails {
  INVALID_INPUT: undefined;
  /** `expected`: the value the field must have (a date, a package's credits); `terms`: the
   * subscription terms a new subscription may take. */
  INVALID_FIELD: { expected?: IsoDate | number; terms?: number[]; paidEnd?: IsoDate } | undefined;
  INVALID_CATALOG: undefined;
  NOT_ADMIN: undefined;
  NO_ACTIVE_SUBSCRIPTION: undefined;
  SUBSCRIPTION_ALREADY_ACTIVE: undefined;
  CUSTOM_CREDITS_TOO_LOW: { min: number };
  /** The nearest valid credits below, and above where that is within the maximum. */
  CUSTOM_CREDITS_NOT_A_STEP: { below: number; above?: number };
  CUSTOM_CREDITS_TOO_HIGH: { max: number };
  UNKNOWN_PACKAGE: { packages: string[] };
  UNKNOWN_PLAN: undefined;
  /** `currentEnd`: where the minimum comes from the running package it replaces (R16). */
  PACKAGE_TERM_TOO_SHORT: { minMonths: number; maxMonths: number; renewalNeeded: boolean; currentEnd?: IsoDate };
  PACKAGE_TERM_EXCEEDS_SUBSCRIPTION: { maxMonths: number; renewalNeeded: boolean };
  INSTALLMENTS_NOT_AVAILABLE: { reason: "country" | "method"; countries: string[]; methods: string[] };
  INSTALLMENTS_TOO_MANY: { maxCount: number };
  UNKNOWN_PAYMENT_METHOD: { methods: string[] };
  PLAN_NOT_AN_UPGRADE: { currentPlan: string };
  AMOUNT_OVERFLOW: undefined;
  EMPTY_ORDER: undefined;
  /** The running package the order would replace (R16). */
  PACKAGE_NOT_AN_UPGRADE: {
    currentId: string; currentCreditsPerMonth: number; currentPricePerMonth: Money; currentEnd: IsoDate;
  };
  /** The end of the period already paid (R12). */
  ALREADY_RENEWED: { renewedUntil: IsoDate };
  WASM_LOAD_FAILED: undefined;
  CHECKOUT_FREED: undefined;
  NOT_A_CHECKOUT: undefined;
}

/** One problem with an order or a catalog; `details` follows from `code`:
 * `if (p.code === "CUSTOM_CREDITS_NOT_A_STEP") p.details.below` is a number. */
export type Problem<C extends ErrorCode = ErrorCode> = C extends ErrorCode
  ? {
      code: C;
      /** A path such as "creditPackage.months"; "" for whole-order problems. */
      field: string;
      message: string;
    } & (undefined extends ProblemDetails[C]
      ? { details?: ProblemDetails[C] }
      : { details: ProblemDetails[C] })
  : never;

export interface CatalogPlan {
  id: string; name: string; seatPricePerMonth: Money; creditsPerSeatPerMonth: number;
}
/** Scale Custom's step: credits and price added per step. */
export interface PackageStep { credits: number; pricePerMonth: Money }
export interface CatalogPackage {
  id: string; name: string; creditsPerMonth: number; pricePerMonth: Money;
  step?: PackageStep;
  maxCreditsPerMonth?: number;
}
export type Commission =
  | { model: "percent_by_count"; percent: Record<string, string> }
  | { model: "monthly_rate"; percent: string };
export interface PackageTermPolicy { minMonths: number; currentCycle: "charge_full" | "prorate" }
export interface InstallmentPolicy {
  countries: string[]; methods: string[]; processor: string;
  maxCount: number; commissionFrom: number; commission: Commission;
}
export interface Catalog {
  version: string;
  note?: string;
  currency: string;
  minorUnits: number;
  plans: CatalogPlan[];
  subscriptionTerms: number[];
  creditPackages: CatalogPackage[];
  packageTerm: PackageTermPolicy;
  paymentMethods: string[];
  installments: InstallmentPolicy;
}

export interface AccountSubscription {
  status: "active" | "none" | "expired";
  termMonths?: number; periodStart?: IsoDate; periodEnd?: IsoDate;
  /** The end of the next period, already paid (R12). */
  renewedUntil?: IsoDate | null;
  /** The day of month credits reset on, 1-31 (R3); periodStart's day where absent. */
  anchorDay?: number | null;
}
/** The package the account runs now (R16); its id and credits may be ones the catalog no longer sells. */
export interface AccountCreditPackage {
  id: string; creditsPerMonth: number; pricePerMonth: Money; start: IsoDate; end: IsoDate;
}
/** What charges to the saved payment use (R6, R17). */
export interface SavedPayment { method: string; installments?: number }
export interface Account {
  /** ISO 3166-1 alpha-2, such as "BR". */
  country: string;
  role: "admin" | "member";
  plan: string;
  seats: number;
  subscription?: AccountSubscription | null;
  autoRenewal: boolean;
  creditPackage?: AccountCreditPackage | null;
  savedPayment?: SavedPayment | null;
}
export interface SubscriptionChange { renew?: boolean | null; upgradeTo?: string | null; addSeats?: number | null }
export interface NewSubscription { plan: string; seats: number; termMonths: number }
export interface OrderCreditPackage { id: string; creditsPerMonth?: number | null; months: number }
export interface Payment { method: string; installments?: number }
export interface Invoice { companyName: string; country: string; address?: string | null }

/** An order as the checkout form holds it. Written as an object literal, keep its literal types
 * with an annotation (`const order: Order = {...}`) or `satisfies Order`; JSON read at run time
 * is `unknown` to TypeScript: the engine checks it (`validate`), so assert it (`as Order`). */
export interface Order {
  /** The account's local date; the library reads no clock. */
  asOf: IsoDate;
  account: Account;
  subscription?: SubscriptionChange | null;
  newSubscription?: NewSubscription | null;
  creditPackage?: OrderCreditPackage | null;
  payment: Payment;
  invoice?: Invoice | null;
  /** Display strings only, such as "pt-BR". */
  locale?: string | null;
}

export type LineKind =
  | "subscription_new" | "subscription_renewal" | "subscription_upgrade" | "subscription_seats" | "credit_package"
  | "credit_package_unused" | "credit_package_renewal";

/** Prorated lines: the days covered out of the period's days. */
export interface Proration { days: number; periodDays: number }
export interface QuoteLine {
  kind: LineKind; description: string; quantity: number; unitPrice: Money; months: number;
  periodStart: IsoDate; periodEnd: IsoDate; amount: Money;
  proration?: Proration;
  /** The amount written with Intl.NumberFormat for the locale (a credit with Intl's own minus sign). */
  display: string;
}
export interface ScheduledPayment { number: number; dueDate: IsoDate; amount: Money }
export interface Installments {
  count: number; interestFree: boolean; commissionPercent: string; processor: string | null;
  schedule: ScheduledPayment[];
}
export interface QuoteCreditPackage {
  id: string; creditsPerMonth: number; months: number; start: IsoDate; end: IsoDate;
  renewsWithSubscription: boolean;
}
export interface CreditCycle { start: IsoDate; end: IsoDate; included: number; package: number; total: number }
export interface Credits {
  includedPerMonth: number; packagePerMonth: number; totalPerMonth: number; nextReset: IsoDate;
  cycles: CreditCycle[];
}
/** The subscription after the order. */
export interface QuoteSubscription { plan: string; seats: number; periodEnd: IsoDate }
export interface AutoRenewal { before: boolean; after: boolean; reason: "subscription_action" | "unchanged" }
export interface QuotePayment { method: string; chargedTo: string }
export type NoticeCode =
  | "USES_SAVED_CARD" | "USES_SAVED_PAYMENT" | "AUTO_RENEWAL_ENABLED" | "UNUSED_CREDITS_EXPIRE"
  | "PACKAGE_REPLACED" | "PACKAGE_ENDS_BEFORE_RENEWAL" | "PACKAGE_NOT_RENEWED" | "AUTO_RENEWAL_OFF"
  | "INSTALLMENTS_RESET" | "PAYMENT_METHOD_UNAVAILABLE";
export interface Notice { code: NoticeCode; message: string }
/** Amounts written with Intl.NumberFormat for the order's locale. */
export interface Display { subtotal: string; commission: string; total: string; installment: string }

export interface Quote {
  currency: string;
  lines: QuoteLine[];
  subtotal: Money; commission: Money; total: Money;
  installments: Installments;
  creditPackage: QuoteCreditPackage | null;
  credits: Credits;
  subscription: QuoteSubscription;
  autoRenewal: AutoRenewal;
  payment: QuotePayment;
  notices: Notice[];
  display: Display;
  fingerprint: string;
}

/** What `renewal()` is asked (R17). */
export interface RenewalRequest {
  asOf: IsoDate;
  account: Account;
  /** Display strings only, such as "pt-BR". */
  locale?: string | null;
}
/** The next automatic charge (R17); with auto-renewal off, `date` null and nothing renews. */
export interface Renewal {
  date: IsoDate | null;
  currency: string;
  /** subscription_renewal, then credit_package_renewal. */
  lines: QuoteLine[];
  subtotal: Money; commission: Money; total: Money;
  installments: Installments;
  subscription: { plan: string; seats: number; periodStart: IsoDate; periodEnd: IsoDate } | null;
  creditPackage: { id: string; creditsPerMonth: number; months: number; start: IsoDate; end: IsoDate } | null;
  credits: { includedPerMonth: number; packagePerMonth: number; totalPerMonth: number };
  payment: { method: string; chargedTo: "saved_card" | "saved_paypal" | `saved_${string}` };
  notices: Notice[];
  display: Display;
  /** R15 over the account and the renewal's amounts. */
  fingerprint: string;
}

export interface TermOption { months: number; start: IsoDate; end: IsoDate; price: Money }
export interface InstallmentOption {
  count: number; amount: Money; total: Money; commission: Money; interestFree: boolean; label: string;
}

/** The checkout engine for one catalog. Never throws anything but a CheckoutError. */
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
  /** R17: what the next automatic charge of `request.account` will be. Any role may look; throws
   * a CheckoutError (NO_ACTIVE_SUBSCRIPTION, INVALID_FIELD...) for an account that cannot renew. */
  renewal(request: RenewalRequest): Renewal;
  /** Whether `fingerprint` matches the quote recomputed for `order`. */
  verify(order: Order, fingerprint: string): boolean;
  /** Releases the engine's memory now rather than when the object is collected. Later calls
   * throw a CheckoutError (CHECKOUT_FREED); freeing twice does nothing. */
  free(): void;
}

/** `Symbol.dispose` where the program's `lib` declares it (esnext.disposable), else nothing. */
type DisposeKey = SymbolConstructor extends { readonly dispose: infer K extends symbol } ? K : never;
/** With `esnext.disposable`, a Checkout is Disposable: `using checkout = new Checkout()` frees it
 * at the end of the block. */
export interface Checkout extends Record<DisposeKey, () => void> {}

/** The library's version, part of every fingerprint. */
export declare function version(): string;

// The globals of the program's `lib` (DOM, WebWorker) or of @types/node, where it has them: this
// file needs neither.
type Global<K extends string> = typeof globalThis extends { [P in K]: { prototype: infer T } } ? T : never;
type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer T } } } ? T : never;

/** What `loadCheckout` loads the WebAssembly module from. */
export type WasmSource =
  | string | Global<"URL"> | Global<"Response"> | PromiseLike<Global<"Response">>
  | ArrayBuffer | ArrayBufferView | WasmModule;

export interface LoadCheckoutOptions {
  /** The .wasm: a URL (where the app serves `credit_checkout_bg.wasm`), a `fetch` Response, its
   * bytes or a compiled `WebAssembly.Module`. Default: the file beside the package's module
   * (browsers and bundlers), the module embedded in the package (Node). */
  wasm?: WasmSource;
}

/** What `loadCheckout` resolves to. */
export interface CheckoutModule {
  Checkout: typeof Checkout;
  CheckoutError: typeof CheckoutError;
  version: typeof version;
}

/** Loads the WebAssembly engine once (later calls share the first promise, whatever their
 * `wasm`; a failed load may be retried) and resolves to the API. From the default entry in a
 * browser, the engine is loaded already. Rejects with a CheckoutError of code WASM_LOAD_FAILED whose
 * `cause` is what failed (a 404, a Content Security Policy without 'wasm-unsafe-eval'...). */
export declare function loadCheckout(options?: LoadCheckoutOptions): Promise<CheckoutModule>;

/** The plain form of a CheckoutError (`toJSON()`), which survives `postMessage` and JSON. */
export interface CheckoutErrorJSON {
  name: "CheckoutError";
  message: string;
  code: ErrorCode;
  field: string;
  problems: Problem[];
}

/** Thrown by every Checkout call that fails, and by every misuse (a call after free(), a method
 * called on something that is not a Checkout). */
export declare class CheckoutError extends Error {
  /** `problems`: at least one; `code` and `field` are the first one's. */
  constructor(problems: readonly Problem[], options?: { message?: string; cause?: unknown });
  readonly name: "CheckoutError";
  /** The first problem's code. */
  readonly code: ErrorCode;
  /** The first problem's field path, such as "creditPackage.months"; "" for the whole order. */
  readonly field: string;
  /** Every problem found. */
  readonly problems: Problem[];
  /** What failed, for WASM_LOAD_FAILED. */
  readonly cause?: unknown;
  /** A plain object that survives structured clone (postMessage) and JSON. */
  toJSON(): CheckoutErrorJSON;
  /** A CheckoutError again from `toJSON()`'s object (after postMessage or JSON) or from a problem
   * list; a TypeError for anything else. */
  static from(plain: CheckoutErrorJSON | { message?: string; problems: readonly Problem[] } | readonly Problem[]): CheckoutError;
}

// Only what is exported above is public (the helper types are not).
export {};
