// A US admin on Advanced (1 seat) buying Starter for 3 months: 10.00 x 3 = 30.00.
export const order = {
  asOf: "2026-07-03",
  account: {
    country: "US", role: "admin", plan: "advanced", seats: 1, autoRenewal: false,
    subscription: { status: "active", termMonths: 12, periodStart: "2026-01-15", periodEnd: "2027-01-15" },
  },
  creditPackage: { id: "starter", months: 3 },
  payment: { method: "card", installments: 1 },
  locale: "en-US",
};
