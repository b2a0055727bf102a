// The JS-side measurements, the same code in Node and in Chrome: medians of repeated rounds.
import { peerQuote } from "./peer.mjs";

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median time of one `f()` call in µs: `rounds` rounds of `n` calls after a warm-up of two
 * seconds, so that the JIT and the Wasm tier-up (compiled in the background, slow to come on a
 * busy 2-core machine) have settled: the steady state is what a page typing into a form meets.
 * In Chrome the quote took 20 to 25 µs for about a second, then 12 to 13 µs from then on. */
function perCall(f, n, rounds = 21) {
  const warm = performance.now();
  while (performance.now() - warm < 2000) for (let i = 0; i < n; i++) f();
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) f();
    times.push(((performance.now() - t) * 1000) / n);
  }
  return median(times);
}

export function measure(mod, catalog, order, account) {
  const checkout = new mod.Checkout();
  const quote = checkout.quote(order);
  const formatters = new Map();
  const peer = peerQuote(catalog, order, formatters);
  // The peer must compute the same amounts, or the comparison means nothing.
  for (const k of ["subtotal", "commission", "total"]) {
    if (peer[k] !== quote[k]) throw new Error(`peer ${k} ${peer[k]} != ${quote[k]}`);
  }
  if (JSON.stringify(peer.installments.schedule) !== JSON.stringify(quote.installments.schedule)) throw new Error("peer schedule differs");
  return {
    quoteUs: perCall(() => checkout.quote(order), 2000),
    renewalUs: perCall(() => checkout.renewal(account), 2000),
    installmentOptionsUs: perCall(() => checkout.installmentOptions(order), 300),
    newCheckoutMs: perCall(() => new mod.Checkout(), 20) / 1000,
    peerQuoteUs: perCall(() => peerQuote(catalog, order, formatters), 2000),
  };
}
