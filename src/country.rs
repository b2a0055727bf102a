//! ISO 3166-1 alpha-2 country codes (the invoice country, the account's country and the catalog's
//! installment countries): the 249 officially assigned codes.

const ASSIGNED: &str = "\
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ \
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ \
DE DJ DK DM DO DZ \
EC EE EG EH ER ES ET \
FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY \
HK HM HN HR HT HU \
ID IE IL IM IN IO IQ IR IS IT \
JE JM JO JP \
KE KG KH KI KM KN KP KR KW KY KZ \
LA LB LC LI LK LR LS LT LU LV LY \
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
NA NC NE NF NG NI NL NO NP NR NU NZ \
OM \
PA PE PF PG PH PK PL PM PN PR PS PT PW PY \
QA \
RE RO RS RU RW \
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ \
UA UG UM US UY UZ \
VA VC VE VG VI VN VU \
WF WS \
YE YT \
ZA ZM ZW";

/// The assigned codes as one bit each, `AA` = 0 up to `ZZ` = 675: every order checks a country
/// or two, and a lookup beats a scan of the list.
static ASSIGNED_BITS: [u64; 11] = bits();

// Const evaluation: an index out of range fails the build, never a call.
#[allow(clippy::indexing_slicing)]
const fn bits() -> [u64; 11] {
    let list = ASSIGNED.as_bytes();
    let mut set = [0u64; 11];
    let mut i = 0;
    while i + 1 < list.len() {
        let index = (list[i] - b'A') as usize * 26 + (list[i + 1] - b'A') as usize;
        set[index / 64] |= 1 << (index % 64);
        i += 3;
    }
    set
}

/// Whether `code` is an assigned ISO 3166-1 alpha-2 code, upper case (`"BR"`, not `"br"`).
pub fn is_iso_alpha2(code: &str) -> bool {
    let &[a, b] = code.as_bytes() else {
        return false;
    };
    if !a.is_ascii_uppercase() || !b.is_ascii_uppercase() {
        return false;
    }
    let index = usize::from(a - b'A') * 26 + usize::from(b - b'A');
    ASSIGNED_BITS
        .get(index / 64)
        .is_some_and(|word| word & (1 << (index % 64)) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r11_the_list_has_the_249_assigned_codes() {
        let codes: Vec<&str> = ASSIGNED.split(' ').collect();
        assert_eq!(codes.len(), 249);
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, codes, "sorted and unique");
        // The bit set holds exactly the listed codes.
        let mut listed = 0;
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                let code = String::from_utf8(vec![a, b]).unwrap();
                assert_eq!(is_iso_alpha2(&code), codes.contains(&code.as_str()), "{code}");
                listed += usize::from(is_iso_alpha2(&code));
            }
        }
        assert_eq!(listed, 249);
    }

    #[test]
    fn r11_country_codes() {
        for ok in ["BR", "US", "PT", "DE", "AX", "SS"] {
            assert!(is_iso_alpha2(ok), "{ok}");
        }
        for bad in [
            "br", "XX", "UK", "BRA", "", "B", "ZZ", "Br", "AA", "A\u{e9}", "\u{e9}",
        ] {
            assert!(!is_iso_alpha2(bad), "{bad}");
        }
    }
}
