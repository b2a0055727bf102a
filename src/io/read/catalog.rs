//! The catalog of SPEC 2.1.

use super::{Path, Reader, Res};
use crate::catalog::{
    Catalog, Commission, CommissionModel, CreditPackage, CurrentCycle, InstallmentPolicy, PackageStep,
    PackageTerm, Percent, PercentTable, Plan,
};
use crate::error::ErrorCode;
use crate::io::json::Value;

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
