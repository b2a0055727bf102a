// A benchmark peer, not product code: the typical order (package + renewal + installments)
// quoted in plain JavaScript with decimal.js, to set the Wasm path against. It covers what the
// typical order needs (no validation, no fingerprint), so the ratio flatters the peer.
import Decimal from "decimal.js";

const pad = (n) => String(n).padStart(2, "0");
const iso = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const parse = (s) => new Date(`${s}T00:00:00Z`);
function onAnchor(year, month0, day) {
  const last = new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month0, Math.min(day, last)));
}
function resetAfter(anchor, date, n) {
  const here = onAnchor(date.getUTCFullYear(), date.getUTCMonth(), anchor);
  const first = here > date ? 0 : 1;
  return onAnchor(date.getUTCFullYear(), date.getUTCMonth() + first + n - 1, anchor);
}
const addMonths = (d, n) => onAnchor(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate());

export function peerQuote(catalog, order, formatters) {
  const mu = catalog.minorUnits;
  const money = (d) => d.toDecimalPlaces(mu, Decimal.ROUND_HALF_UP).toFixed(mu);
  const asOf = parse(order.asOf);
  const sub = order.account.subscription;
  const start = parse(sub.periodStart);
  const anchor = start.getUTCDate();
  const plan = catalog.plans.find((p) => p.id === order.account.plan);
  const lines = [];
  let subtotal = new Decimal(0);
  if (order.subscription?.renew) {
    const periodEnd = parse(sub.periodEnd);
    const amount = new Decimal(plan.seatPricePerMonth).mul(order.account.seats).mul(sub.termMonths);
    subtotal = subtotal.add(amount.toDecimalPlaces(mu, Decimal.ROUND_HALF_UP));
    lines.push({ kind: "subscription_renewal", amount: money(amount), periodStart: iso(periodEnd), periodEnd: iso(addMonths(start, 2 * sub.termMonths)) });
  }
  const choice = order.creditPackage;
  const pkg = catalog.creditPackages.find((p) => p.id === choice.id);
  const credits = choice.creditsPerMonth ?? pkg.creditsPerMonth;
  const steps = pkg.step ? (credits - pkg.creditsPerMonth) / pkg.step.credits : 0;
  const perMonth = new Decimal(pkg.pricePerMonth).add(pkg.step ? new Decimal(pkg.step.pricePerMonth).mul(steps) : 0);
  const packageAmount = perMonth.mul(choice.months);
  subtotal = subtotal.add(packageAmount.toDecimalPlaces(mu, Decimal.ROUND_HALF_UP));
  const end = resetAfter(anchor, asOf, choice.months);
  lines.push({ kind: "credit_package", amount: money(packageAmount), periodStart: order.asOf, periodEnd: iso(end) });

  const count = order.payment.installments;
  const policy = catalog.installments;
  const percent = count >= policy.commissionFrom ? new Decimal(policy.commission.percent[String(count)]) : new Decimal(0);
  const commission = subtotal.mul(percent).div(100).toDecimalPlaces(mu, Decimal.ROUND_HALF_UP);
  const total = subtotal.add(commission);
  const minor = BigInt(total.mul(10 ** mu).toFixed(0));
  const base = minor / BigInt(count);
  const extra = minor % BigInt(count);
  const schedule = [];
  for (let i = 0; i < count; i++) {
    const cents = base + (BigInt(i) < extra ? 1n : 0n);
    schedule.push({ number: i + 1, dueDate: iso(addMonths(asOf, i)), amount: new Decimal(cents.toString()).div(10 ** mu).toFixed(mu) });
  }
  const included = plan.creditsPerSeatPerMonth * order.account.seats;
  const cycles = [];
  let from = asOf;
  for (let n = 1; n <= choice.months; n++) {
    const to = resetAfter(anchor, asOf, n);
    cycles.push({ start: iso(from), end: iso(to), included, package: credits, total: included + credits });
    from = to;
  }
  const key = `${order.locale}|${catalog.currency}`;
  let nf = formatters.get(key);
  if (!nf) formatters.set(key, (nf = new Intl.NumberFormat(order.locale, { style: "currency", currency: catalog.currency })));
  return {
    lines,
    subtotal: money(subtotal),
    commission: money(commission),
    total: money(total),
    installments: { count, schedule },
    credits: { includedPerMonth: included, packagePerMonth: credits, totalPerMonth: included + credits, cycles },
    display: { total: nf.format(total.toFixed(mu)) },
  };
}
