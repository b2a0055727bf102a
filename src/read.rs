//! JSON data to the typed order and catalog, by hand: every field read by name with its path,
//! unknown keys refused, objects required where objects belong. One reader for every runtime
//! (JSON text natively, JS values in the browser), without serde's generic machinery, which
//! weighed a fifth of the browser build.

use crate::json::{Map, Value};

use crate::catalog::{
    Catalog, Commission, CommissionModel, CreditPackage, CurrentCycle, InstallmentPolicy, PackageStep,
    PackageTerm, Percent, PercentTable, Plan,
};
use crate::error::{CheckoutError, ErrorCode, Problem};
use crate::json::{push_index, push_key};
use crate::money::Amount;
use crate::order::{
    Account, AccountSubscription, Invoice, NewSubscription, Order, PackageChoice, Payment, Role,
    SubscriptionChange, SubscriptionStatus,
};
use crate::period::IsoDate;

type Res<T> = Result<T, CheckoutError>;

/// Reads with one problem code: `INVALID_INPUT` for orders, `INVALID_CATALOG` for catalogs.
#[derive(Clone, Copy)]
pub(crate) struct Reader {
    code: ErrorCode,
}

/// Where a value sits: a chain of keys and indices on the stack, written out as a field path
/// (`a.b[0]`) only when a problem names it.
#[derive(Clone, Copy)]
pub(crate) struct Path<'a> {
    up: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

#[derive(Clone, Copy)]
enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    const ROOT: Path<'static> = Path {
        up: None,
        seg: Seg::Root,
    };

    fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            up: Some(self),
            seg: Seg::Key(key),
        }
    }

    fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            up: Some(self),
            seg: Seg::Index(index),
        }
    }

    fn render(&self) -> String {
        let mut segs = Vec::new();
        let mut at = Some(self);
        while let Some(p) = at {
            segs.push(p.seg);
            at = p.up;
        }
        let mut out = String::new();
        for seg in segs.iter().rev() {
            match seg {
                Seg::Root => {}
                Seg::Key(k) => push_key(&mut out, k),
                Seg::Index(i) => push_index(&mut out, *i),
            }
        }
        out
    }
}

/// An object being read: its fields and where it sits.
struct Obj<'a> {
    map: &'a Map<'a>,
    path: &'a Path<'a>,
}

impl Reader {
    pub(crate) fn new(code: ErrorCode) -> Reader {
        Reader { code }
    }

    fn fail(self, path: &Path<'_>, message: impl Into<String>) -> CheckoutError {
        CheckoutError::single(Problem::new(self.code, path.render(), message))
    }

    /// The object at `path`, whose keys must all be among `fields`.
    fn object<'a>(self, v: &'a Value, path: &'a Path<'a>, fields: &[&str]) -> Res<Obj<'a>> {
        let Value::Object(map) = v else {
            return Err(self.fail(path, format!("must be an object, not {}", kind(v))));
        };
        if let Some(unknown) = map
            .keys()
            .find(|k| !fields.iter().any(|f| crate::json::same(f, k)))
        {
            return Err(self.fail(
                &path.key(unknown),
                format!(
                    "unknown field `{unknown}`, expected one of {}",
                    listed(fields, "")
                ),
            ));
        }
        Ok(Obj { map, path })
    }

    /// A required field: absent is refused; `null` is left to the value's own reader, which
    /// refuses it.
    fn req<T>(self, o: &Obj<'_>, key: &str, read: impl FnOnce(Self, &Value, &Path<'_>) -> Res<T>) -> Res<T> {
        let path = o.path.key(key);
        match o.map.get(key) {
            Some(v) => read(self, v, &path),
            None => Err(self.fail(&path, format!("missing field `{key}`"))),
        }
    }

    /// An optional field: absent and `null` are `None`.
    fn opt<T>(
        self,
        o: &Obj<'_>,
        key: &str,
        read: impl FnOnce(Self, &Value, &Path<'_>) -> Res<T>,
    ) -> Res<Option<T>> {
        match o.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => read(self, v, &o.path.key(key)).map(Some),
        }
    }

    fn string(self, v: &Value, path: &Path<'_>) -> Res<String> {
        match v {
            Value::String(s) => Ok(s.to_string()),
            other => Err(self.fail(path, format!("must be a string, not {}", kind(other)))),
        }
    }

    fn u64(self, v: &Value, path: &Path<'_>) -> Res<u64> {
        v.as_u64()
            .ok_or_else(|| self.fail(path, format!("must be a whole number, not {}", kind(v))))
    }

    fn u32(self, v: &Value, path: &Path<'_>) -> Res<u32> {
        self.u64(v, path).and_then(|n| {
            u32::try_from(n).map_err(|_| self.fail(path, "must be a whole number from 0 to 4294967295"))
        })
    }

    fn bool(self, v: &Value, path: &Path<'_>) -> Res<bool> {
        v.as_bool()
            .ok_or_else(|| self.fail(path, format!("must be true or false, not {}", kind(v))))
    }

    fn date(self, v: &Value, path: &Path<'_>) -> Res<IsoDate> {
        v.as_str().and_then(IsoDate::parse).ok_or_else(|| {
            self.fail(
                path,
                format!("must be a date written YYYY-MM-DD, not {}", kind(v)),
            )
        })
    }

    fn amount(self, v: &Value, path: &Path<'_>) -> Res<Amount> {
        v.as_str().and_then(Amount::parse).ok_or_else(|| {
            self.fail(
                path,
                format!(
                    "must be a non-negative decimal string such as \"12.50\", not {}",
                    kind(v)
                ),
            )
        })
    }

    fn choice<T: Copy>(self, v: &Value, path: &Path<'_>, options: &[(&str, T)]) -> Res<T> {
        let found = v
            .as_str()
            .and_then(|s| options.iter().find(|(name, _)| *name == s));
        found.map(|(_, t)| *t).ok_or_else(|| {
            let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
            self.fail(
                path,
                format!("must be one of {}, not {}", listed(&names, "\""), kind(v)),
            )
        })
    }

    fn list<T>(
        self,
        v: &Value,
        path: &Path<'_>,
        read: impl Fn(Self, &Value, &Path<'_>) -> Res<T>,
    ) -> Res<Vec<T>> {
        let Value::Array(items) = v else {
            return Err(self.fail(path, format!("must be an array, not {}", kind(v))));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| read(self, item, &path.index(i)))
            .collect()
    }
}

/// `a, b, c` (each within `quote`), for messages.
fn listed(items: &[&str], quote: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(quote);
        out.push_str(item);
        out.push_str(quote);
    }
    out
}

/// What a value is, for messages: `a string "x"`, `null`, `an object`...
fn kind(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() <= 40 => format!("the string {v}"),
        Value::String(_) => "a long string".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// R1..R14 inputs: the order of SPEC 2.2.
pub(crate) fn order(v: &Value) -> Res<Order> {
    let r = Reader::new(ErrorCode::InvalidInput);
    let o = r.object(
        v,
        &Path::ROOT,
        &[
            "asOf",
            "account",
            "subscription",
            "newSubscription",
            "creditPackage",
            "payment",
            "invoice",
            "locale",
        ],
    )?;
    Ok(Order {
        as_of: r.req(&o, "asOf", Reader::date)?,
        account: r.req(&o, "account", account_at)?,
        subscription: r.opt(&o, "subscription", |r, v, p| {
            let s = r.object(v, p, &["renew", "upgradeTo", "addSeats"])?;
            Ok(SubscriptionChange {
                renew: r.opt(&s, "renew", Reader::bool)?,
                upgrade_to: r.opt(&s, "upgradeTo", Reader::string)?,
                add_seats: r.opt(&s, "addSeats", Reader::u32)?,
            })
        })?,
        new_subscription: r.opt(&o, "newSubscription", |r, v, p| {
            let n = r.object(v, p, &["plan", "seats", "termMonths"])?;
            Ok(NewSubscription {
                plan: r.req(&n, "plan", Reader::string)?,
                seats: r.req(&n, "seats", Reader::u32)?,
                term_months: r.req(&n, "termMonths", Reader::u32)?,
            })
        })?,
        credit_package: r.opt(&o, "creditPackage", |r, v, p| {
            let c = r.object(v, p, &["id", "creditsPerMonth", "months"])?;
            Ok(PackageChoice {
                id: r.req(&c, "id", Reader::string)?,
                credits_per_month: r.opt(&c, "creditsPerMonth", Reader::u64)?,
                months: r.req(&c, "months", Reader::u32)?,
            })
        })?,
        payment: r.req(&o, "payment", |r, v, p| {
            let pay = r.object(v, p, &["method", "installments"])?;
            Ok(Payment {
                method: r.req(&pay, "method", Reader::string)?,
                // Absent: pay in full; `null` is refused like any other non-number.
                installments: match pay.map.get("installments") {
                    None => 1,
                    Some(n) => r.u32(n, &p.key("installments"))?,
                },
            })
        })?,
        invoice: r.opt(&o, "invoice", |r, v, p| {
            let i = r.object(v, p, &["companyName", "country", "address"])?;
            Ok(Invoice {
                company_name: r.req(&i, "companyName", Reader::string)?,
                country: r.req(&i, "country", Reader::string)?,
                address: r.opt(&i, "address", Reader::string)?,
            })
        })?,
        locale: r.opt(&o, "locale", Reader::string)?,
    })
}

fn account_at(r: Reader, v: &Value, path: &Path<'_>) -> Res<Account> {
    let a = r.object(
        v,
        path,
        &["country", "role", "plan", "seats", "subscription", "autoRenewal"],
    )?;
    Ok(Account {
        country: r.req(&a, "country", Reader::string)?,
        role: r.req(&a, "role", |r, v, p| {
            r.choice(v, p, &Role::ALL.map(|x| (x.as_str(), x)))
        })?,
        plan: r.req(&a, "plan", Reader::string)?,
        seats: r.req(&a, "seats", Reader::u32)?,
        subscription: r.opt(&a, "subscription", |r, v, p| {
            let s = r.object(v, p, &["status", "termMonths", "periodStart", "periodEnd"])?;
            let statuses = SubscriptionStatus::ALL.map(|x| (x.as_str(), x));
            Ok(AccountSubscription {
                status: r.req(&s, "status", |r, v, p| r.choice(v, p, &statuses))?,
                term_months: r.opt(&s, "termMonths", Reader::u32)?,
                period_start: r.opt(&s, "periodStart", Reader::date)?,
                period_end: r.opt(&s, "periodEnd", Reader::date)?,
            })
        })?,
        auto_renewal: r.req(&a, "autoRenewal", Reader::bool)?,
    })
}

/// The account object of an order on its own (the backend keeps accounts in this shape).
pub(crate) fn account(v: &Value) -> Res<Account> {
    account_at(Reader::new(ErrorCode::InvalidInput), v, &Path::ROOT)
}

/// The catalog of SPEC 2.1 (its rules are checked afterwards by `Catalog::validate`).
pub(crate) fn catalog(v: &Value) -> Res<Catalog> {
    let r = Reader::new(ErrorCode::InvalidCatalog);
    let c = r.object(
        v,
        &Path::ROOT,
        &[
            "version",
            "note",
            "currency",
            "minorUnits",
            "plans",
            "subscriptionTerms",
            "creditPackages",
            "packageTerm",
            "paymentMethods",
            "installments",
        ],
    )?;
    Ok(Catalog {
        version: r.req(&c, "version", Reader::string)?,
        note: r.opt(&c, "note", Reader::string)?,
        currency: r.req(&c, "currency", Reader::string)?,
        minor_units: r.req(&c, "minorUnits", Reader::u32)?,
        plans: r.req(&c, "plans", |r, v, p| {
            r.list(v, p, |r, v, p| {
                let o = r.object(
                    v,
                    p,
                    &["id", "name", "seatPricePerMonth", "creditsPerSeatPerMonth"],
                )?;
                Ok(Plan {
                    id: r.req(&o, "id", Reader::string)?,
                    name: r.req(&o, "name", Reader::string)?,
                    seat_price_per_month: r.req(&o, "seatPricePerMonth", Reader::amount)?,
                    credits_per_seat_per_month: r.req(&o, "creditsPerSeatPerMonth", Reader::u64)?,
                })
            })
        })?,
        subscription_terms: r.req(&c, "subscriptionTerms", |r, v, p| r.list(v, p, Reader::u32))?,
        credit_packages: r.req(&c, "creditPackages", |r, v, p| r.list(v, p, package))?,
        package_term: r.req(&c, "packageTerm", |r, v, p| {
            let o = r.object(v, p, &["minMonths", "currentCycle"])?;
            let cycles = [
                ("charge_full", CurrentCycle::ChargeFull),
                ("prorate", CurrentCycle::Prorate),
            ];
            Ok(PackageTerm {
                min_months: r.req(&o, "minMonths", Reader::u32)?,
                current_cycle: r.req(&o, "currentCycle", |r, v, p| r.choice(v, p, &cycles))?,
            })
        })?,
        payment_methods: r.req(&c, "paymentMethods", |r, v, p| r.list(v, p, Reader::string))?,
        installments: r.req(&c, "installments", installment_policy)?,
    })
}

fn package(r: Reader, v: &Value, path: &Path<'_>) -> Res<CreditPackage> {
    let o = r.object(
        v,
        path,
        &[
            "id",
            "name",
            "creditsPerMonth",
            "pricePerMonth",
            "step",
            "maxCreditsPerMonth",
        ],
    )?;
    Ok(CreditPackage {
        id: r.req(&o, "id", Reader::string)?,
        name: r.req(&o, "name", Reader::string)?,
        credits_per_month: r.req(&o, "creditsPerMonth", Reader::u64)?,
        price_per_month: r.req(&o, "pricePerMonth", Reader::amount)?,
        step: r.opt(&o, "step", |r, v, p| {
            let s = r.object(v, p, &["credits", "pricePerMonth"])?;
            Ok(PackageStep {
                credits: r.req(&s, "credits", Reader::u64)?,
                price_per_month: r.req(&s, "pricePerMonth", Reader::amount)?,
            })
        })?,
        max_credits_per_month: r.opt(&o, "maxCreditsPerMonth", Reader::u64)?,
    })
}

fn installment_policy(r: Reader, v: &Value, path: &Path<'_>) -> Res<InstallmentPolicy> {
    let o = r.object(
        v,
        path,
        &[
            "countries",
            "methods",
            "processor",
            "maxCount",
            "commissionFrom",
            "commission",
        ],
    )?;
    Ok(InstallmentPolicy {
        countries: r.req(&o, "countries", |r, v, p| r.list(v, p, Reader::string))?,
        methods: r.req(&o, "methods", |r, v, p| r.list(v, p, Reader::string))?,
        processor: r.req(&o, "processor", Reader::string)?,
        max_count: r.req(&o, "maxCount", Reader::u32)?,
        commission_from: r.req(&o, "commissionFrom", Reader::u32)?,
        commission: r.req(&o, "commission", |r, v, p| {
            let c = r.object(v, p, &["model", "percent"])?;
            let models = [
                ("percent_by_count", CommissionModel::PercentByCount),
                ("monthly_rate", CommissionModel::MonthlyRate),
            ];
            Ok(Commission {
                model: r.req(&c, "model", |r, v, p| r.choice(v, p, &models))?,
                percent: r.req(&c, "percent", |r, v, p| match v {
                    Value::Object(map) => map
                        .iter()
                        .map(|(k, pct)| Ok((k.to_owned(), r.amount(pct, &p.key(k))?)))
                        .collect::<Res<_>>()
                        .map(|table| Percent::ByCount(PercentTable(table))),
                    other => r.amount(other, p).map(Percent::Flat),
                })?,
            })
        })?,
    })
}
