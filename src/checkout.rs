//! The public API of SPEC 5 in Rust: one checkout per catalog.

use serde::Serialize;

use crate::catalog::Catalog;
use crate::error::{CheckoutError, ErrorCode, Problem};
use crate::order::{Order, RenewalRequest};
use crate::period::IsoDate;
use crate::quote::{Display, Line, LineKind, PackageSummary, PaymentSummary, Quote, Renewal};
use crate::rules::fingerprint::{self, Amounts};
use crate::rules::money::{self, Fixed, Money, Overflow};
use crate::rules::{assess, Assessed, Skip};
use crate::rules::{installments, renewal};

/// A term the order's credit package can be bought for (R5).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TermOption {
    pub months: u32,
    pub start: IsoDate,
    pub end: IsoDate,
    pub price: Fixed,
}

/// One way to split the payment (R7, R8).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstallmentOption {
    pub count: u32,
    /// The first installment.
    pub amount: Fixed,
    pub total: Fixed,
    pub commission: Fixed,
    pub interest_free: bool,
    pub label: Label,
}

/// An installment option's label, `"10 × USD 242.80"` natively; the browser package writes the
/// amount with `Intl.NumberFormat`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Label {
    pub count: u32,
    pub amount: Money,
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} × {}", self.count, self.amount)
    }
}

impl Serialize for Label {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The checkout engine for one catalog. Cheap to keep, safe to share, never panics.
#[derive(Clone, Debug)]
pub struct Checkout {
    catalog: Catalog,
    /// R15: the fingerprint's header, hashed once per catalog.
    header: fingerprint::Header,
}

impl Default for Checkout {
    /// The embedded default catalog (example prices).
    fn default() -> Self {
        Checkout::with(Catalog::default_catalog())
    }
}

fn overflow() -> CheckoutError {
    CheckoutError::single(Problem::new(
        ErrorCode::AmountOverflow,
        "",
        "an amount of this order is larger than the checkout can compute",
    ))
}

impl From<Overflow> for CheckoutError {
    fn from(_: Overflow) -> Self {
        overflow()
    }
}

impl Checkout {
    /// A checkout over a catalog already checked.
    fn with(catalog: Catalog) -> Checkout {
        let header = fingerprint::Header::new(&catalog.version, catalog.minor_units);
        Checkout { catalog, header }
    }

    /// A checkout over `catalog`.
    ///
    /// # Errors
    /// `INVALID_CATALOG` naming every field that breaks the catalog's rules.
    pub fn new(catalog: Catalog) -> Result<Checkout, CheckoutError> {
        let problems = catalog.validate();
        if problems.is_empty() {
            Ok(Checkout::with(catalog))
        } else {
            Err(CheckoutError::new(problems))
        }
    }

    /// A checkout over a catalog written as JSON.
    ///
    /// # Errors
    /// `INVALID_CATALOG` with the path of the offending field.
    pub fn from_json(catalog_json: &str) -> Result<Checkout, CheckoutError> {
        crate::io::input::parse_catalog(catalog_json).map(Checkout::with)
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Every problem with `order` (empty when it can be quoted).
    pub fn validate(&self, order: &Order) -> Vec<Problem> {
        match self.quote(order) {
            Ok(_) => Vec::new(),
            Err(e) => e.into_problems(),
        }
    }

    /// The quote of `order`, with display strings written as `"USD 12.50"`.
    ///
    /// # Errors
    /// Every problem of the order (SPEC 4), or `AMOUNT_OVERFLOW`.
    pub fn quote(&self, order: &Order) -> Result<Quote, CheckoutError> {
        let a = assess(&self.catalog, order, Skip::default()).map_err(CheckoutError::new)?;
        build(&a, &self.header)
    }

    /// R5: the terms `order.creditPackage` can be bought for, `minMonths` up to the subscription's
    /// end, with dates and price; the order's own `months` and payment are not checked.
    ///
    /// # Errors
    /// `INVALID_FIELD` on `creditPackage` when the order has none; any other problem of the order.
    pub fn package_terms(&self, order: &Order) -> Result<Vec<TermOption>, CheckoutError> {
        if order.credit_package.is_none() {
            return Err(CheckoutError::single(Problem::new(
                ErrorCode::InvalidField,
                "creditPackage",
                "choose a credit package first",
            )));
        }
        let skip = Skip {
            months: true,
            installments: true,
            payment: true,
        };
        let a = assess(&self.catalog, order, skip).map_err(CheckoutError::new)?;
        let Some(pick) = a.package else {
            return Ok(Vec::new());
        };
        let per_month = a.package_price_per_month(&pick)?;
        let min = a.min_months();
        let max = a.frame.anchor.resets_between(a.as_of, a.frame.limit);
        let mu = self.catalog.minor_units;
        let mut options = Vec::new();
        // SPEC 4: a term whose price would overflow is left out, not a failure.
        for months in min..=max {
            let Some(end) = a.package_end(months) else {
                continue;
            };
            let Ok(price) = a
                .package_price(per_month, months)
                .and_then(|p| money::round(p, mu))
            else {
                continue;
            };
            options.push(TermOption {
                months,
                start: IsoDate(a.as_of),
                end: IsoDate(end),
                price: Fixed::new(price, mu),
            });
        }
        Ok(options)
    }

    /// R7, R8: every installment count the order may be paid in (`[1]` where installments are not
    /// available), with amounts. The order's own count is not checked.
    ///
    /// # Errors
    /// Any other problem of the order, or `AMOUNT_OVERFLOW`.
    pub fn installment_options(&self, order: &Order) -> Result<Vec<InstallmentOption>, CheckoutError> {
        let skip = Skip {
            months: false,
            installments: true,
            payment: false,
        };
        let a = assess(&self.catalog, order, skip).map_err(CheckoutError::new)?;
        let subtotal = a.price()?.subtotal;
        let policy = &self.catalog.installments;
        let allowed =
            installments::unavailable_reason(&self.catalog, &order.account.country, &order.payment.method)
                .is_none();
        let max = if allowed { policy.max_count } else { 1 };
        let mu = self.catalog.minor_units;
        let currency = &self.catalog.currency;
        let mut options = Vec::with_capacity(max as usize);
        // Counts whose last installment would fall after the year 9999 are not offered.
        let payable = |count: u32| crate::period::add_months(a.as_of, count - 1).is_some();
        for count in (1..=max).take_while(|c| payable(*c)) {
            // SPEC 4: a count whose total would overflow is left out, not a failure.
            let Ok(plan) = installments::plan(&self.catalog, subtotal, count, a.as_of) else {
                continue;
            };
            let first = Fixed::new(plan.amounts.first(), mu);
            options.push(InstallmentOption {
                count,
                label: Label {
                    count,
                    amount: Money::new(currency, first),
                },
                amount: first,
                total: Fixed::new(plan.total, mu),
                commission: Fixed::new(plan.commission, mu),
                interest_free: plan.installments.interest_free,
            });
        }
        Ok(options)
    }

    /// R17: what the next automatic charge of `request.account` will be, at `request.asOf`.
    ///
    /// # Errors
    /// Every problem of the account (as a quote finds them, the role aside),
    /// `NO_ACTIVE_SUBSCRIPTION`, or `AMOUNT_OVERFLOW`.
    pub fn renewal(&self, request: &RenewalRequest) -> Result<Renewal, CheckoutError> {
        crate::rules::renewal::preview::preview(&self.catalog, &self.header, request)
    }

    /// R15: whether `fingerprint` is the fingerprint of the quote this checkout computes for
    /// `order`.
    ///
    /// # Errors
    /// Every problem of the order: an order that cannot be quoted has no fingerprint.
    pub fn verify(&self, order: &Order, fingerprint: &str) -> Result<bool, CheckoutError> {
        let quote = self.quote(order)?;
        Ok(quote.fingerprint.eq_ignore_ascii_case(fingerprint.trim()))
    }
}

/// Puts a quote together from an assessed order.
fn build(a: &Assessed<'_>, header: &fingerprint::Header) -> Result<Quote, CheckoutError> {
    let catalog = a.catalog;
    let order = a.order;
    let mu = catalog.minor_units;
    let priced = a.price()?;
    let plan = installments::plan(catalog, priced.subtotal, order.payment.installments, a.as_of)?;
    let credits = a.credits().ok_or_else(overflow)?;
    let auto_renewal = a.auto_renewal();

    let subtotal = Fixed::new(priced.subtotal, mu);
    let commission = Fixed::new(plan.commission, mu);
    let total = Fixed::new(plan.total, mu);

    let credit_package = package_summary(a, &priced.lines)?;
    let notices = a.notices(auto_renewal, credit_package.as_ref(), credits.next_reset);

    let amounts = Amounts {
        minor_units: mu,
        lines: &priced.lines,
        subtotal: priced.subtotal,
        commission: plan.commission,
        total: plan.total,
        schedule: &plan.installments.schedule,
    };
    let fingerprint = fingerprint::fingerprint(header, order, a.package.map(|p| p.credits), &amounts);

    let currency = &catalog.currency;
    let first = plan.installments.schedule.first().map_or(total, |d| d.amount);
    let display = Display {
        subtotal: Money::new(currency, subtotal),
        commission: Money::new(currency, commission),
        total: Money::new(currency, total),
        installment: Money::new(currency, first),
    };

    Ok(Quote {
        currency: currency.clone(),
        lines: priced.lines,
        subtotal,
        commission,
        total,
        installments: plan.installments,
        credit_package,
        credits,
        subscription: a.subscription_after(),
        auto_renewal,
        payment: payment_summary(a),
        notices,
        display,
        fingerprint,
    })
}

/// The package the order buys, as the quote sums it up (R5's end, R6's renewal).
fn package_summary(a: &Assessed<'_>, lines: &[Line]) -> Result<Option<PackageSummary>, CheckoutError> {
    let (Some(pick), Some(choice)) = (&a.package, a.order.credit_package.as_ref()) else {
        return Ok(None);
    };
    // The package line's end (R5), worked out once by `price`.
    let end = lines
        .iter()
        .find(|l| l.kind == LineKind::CreditPackage)
        .map(|l| l.period_end)
        .ok_or_else(overflow)?;
    Ok(Some(PackageSummary {
        id: choice.id.clone(),
        credits_per_month: pick.credits,
        months: pick.months,
        start: IsoDate(a.as_of),
        end,
        renews_with_subscription: a.renews_with_subscription(end.date()),
    }))
}

/// The method the order pays with and what it is charged to: the saved payment's (R6) or the
/// order's own.
fn payment_summary(a: &Assessed<'_>) -> PaymentSummary {
    match a.saved_method {
        Some(method) => PaymentSummary {
            method: method.to_owned(),
            charged_to: renewal::charged_to(method),
        },
        None => PaymentSummary {
            method: a.order.payment.method.clone(),
            charged_to: a.order.payment.method.clone(),
        },
    }
}
