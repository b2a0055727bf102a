// The JS half of the determinism check: quote each order and write its outcome as sorted-key
// JSON, `display` aside (the quote's and each line's: Intl strings in JS by design), as
// tests/determinism.rs does natively.

function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const k of Object.keys(value).sort()) out[k] = sorted(value[k]);
  return out;
}

export function canonicalOutcomes(mod, orders) {
  const checkout = new mod.Checkout();
  return orders.map((order) => {
    try {
      const quote = checkout.quote(order);
      delete quote.display;
      for (const line of quote.lines) delete line.display;
      return JSON.stringify(sorted({ ok: quote }));
    } catch (e) {
      if (!(e instanceof mod.CheckoutError)) throw e;
      return JSON.stringify(sorted({ problems: e.problems }));
    }
  });
}
