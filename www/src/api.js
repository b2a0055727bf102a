// The backend, same origin. Every failure becomes an ApiError with the server's error code.

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status (0 when the server could not be reached)
   * @param {{ code?: string, message?: string, [k: string]: unknown }} error the body's `error`
   */
  constructor(status, error = {}) {
    super(error.message || `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.code = error.code || (status ? `HTTP_${status}` : "NETWORK");
    this.details = error;
  }
}

/** How long a request may take before the page stops waiting (ms). */
export const TIMEOUT_MS = { read: 15_000, order: 20_000 };

/** A request that never answers ends as an ApiError with code TIMEOUT (status 0). */
async function request(path, { timeout = TIMEOUT_MS.read, ...options } = {}) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout);
  let response;
  let text = "";
  try {
    response = await fetch(path, {
      ...options,
      signal: controller.signal,
      headers: { Accept: "application/json", ...options.headers },
    });
    text = await response.text();
  } catch (cause) {
    if (timedOut) throw new ApiError(0, { code: "TIMEOUT", message: "the server did not answer in time" });
    throw new ApiError(0, { code: "NETWORK", message: String(cause?.message ?? cause) });
  } finally {
    clearTimeout(timer);
  }
  let body = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, body?.error ?? { message: response.statusText });
  }
  if (body === null) throw new ApiError(response.status, { code: "BAD_RESPONSE", message: "not JSON" });
  return body;
}

const enc = encodeURIComponent;

export const getCatalog = () => request("/api/catalog");
/** The signed-in user's account (and the user); 401 (UNAUTHENTICATED) when signed out. */
export const getAccount = () => request("/api/account");
/** The newest orders of the signed-in user's account: `{ orders, next }`. */
export const getOrders = ({ limit = 100, cursor } = {}) =>
  request(`/api/orders?limit=${limit}${cursor ? `&cursor=${enc(cursor)}` : ""}`);
export const getOrder = (number) => request(`/api/orders/${enc(number)}`);
export const invoiceUrl = (number) => `/api/orders/${enc(number)}/invoice.pdf`;

/** Turns the account's auto-renewal on or off (admins; on needs a saved payment). */
export const setAutoRenewal = (on) =>
  request("/api/account/auto-renewal", {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ autoRenewal: on }),
  });

/** Who is signed in: `{ user }`, or an ApiError with status 401. */
export const getSession = () => request("/api/session");

export const signIn = (email, password) =>
  request("/api/session", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });

export async function signOut() {
  const response = await fetch("/api/session", { method: "DELETE" });
  if (!response.ok && response.status !== 401) throw new ApiError(response.status);
}

/**
 * POST /api/orders, for the signed-in user's account. `idempotencyKey` belongs to one order
 * attempt: every retry of that attempt sends the same key, so the server creates (and charges)
 * the order at most once, and answers a retry with the first answer.
 */
export function createOrder({ order, fingerprint, paymentMethod, taxId }, idempotencyKey) {
  const body = { order, fingerprint };
  if (paymentMethod) body.paymentMethod = paymentMethod;
  // The buyer's tax id for the invoice, beside the order (the library's order has no place for it).
  if (taxId) body.taxId = taxId;
  return request("/api/orders", {
    method: "POST",
    timeout: TIMEOUT_MS.order,
    headers: { "Content-Type": "application/json", "Idempotency-Key": idempotencyKey },
    body: JSON.stringify(body),
  });
}

/** The card (or PayPal's approval) to the gateway: `{ id: "pm_...", kind, brand, last4 }`. */
export const createPaymentMethod = (details) =>
  request("/api/payment-methods", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(details),
  });

/** The second confirmation step of order `number`: the paid order, or an ApiError (402). */
export const confirmOrder = (number, confirmed) =>
  request(`/api/orders/${enc(number)}/confirm`, {
    method: "POST",
    timeout: TIMEOUT_MS.order,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ confirmed }),
  });

/** A random v4 UUID (randomUUID needs a secure context: fall back to getRandomValues). */
export function newIdempotencyKey() {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
