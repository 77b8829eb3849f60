//! Money: integer minor units (cents) of the studio's currency — never a float. One parser for what people type
//! ("180", "180,50", "1 234.5 €") and one way to show an amount, used by the SPA, the API and the assistant.

use crate::decode::Decode;
use serde::{Deserialize, Serialize};

use crate::{FieldProblem, Locale};

/// The currencies a studio may keep its books in (all with two decimals).
pub const CURRENCIES: [&str; 9] = [
    "EUR", "USD", "GBP", "CHF", "CAD", "AUD", "SEK", "NOK", "DKK",
];

/// French groups thousands with a narrow no-break space, and puts a no-break space before the symbol.
const THIN: char = '\u{202f}';
const NBSP: char = '\u{a0}';

/// An amount in minor units (cents). On the wire, a plain integer.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    Decode,
)]
#[serde(transparent)]
pub struct Money(pub i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn cents(self) -> i64 {
        self.0
    }

    /// Reads an amount as people type it: "180", "180,5", "180.50", "1 234,56", "1,234.56", "€ 90", "90 EUR".
    /// A single `,` or `.` followed by one or two digits is the decimal mark; otherwise it groups thousands.
    pub fn parse(raw: &str) -> Result<Money, FieldProblem> {
        let invalid = || FieldProblem::NotAnAmount {
            value: raw.trim().to_owned(),
        };
        let mut text: String = raw
            .trim()
            .trim_matches(|c: char| "€$£".contains(c) || c.is_whitespace())
            .to_owned();
        for code in CURRENCIES {
            if let Some(rest) = text.strip_suffix(code).or_else(|| text.strip_prefix(code)) {
                text = rest.trim().to_owned();
            }
        }
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, text.as_str()),
        };
        let digits: String = digits
            .chars()
            .filter(|c| !c.is_whitespace() && *c != THIN && *c != NBSP && *c != '\'')
            .collect();
        if digits.is_empty()
            || !digits
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            return Err(invalid());
        }
        let decimal_at = digits.rfind([',', '.']).filter(|&at| {
            let decimals = digits.len() - at - 1;
            let marks = digits.matches([',', '.']).count();
            let last = digits.as_bytes()[at];
            let mixed = digits
                .bytes()
                .any(|b| (b == b',' || b == b'.') && b != last);
            (1..=2).contains(&decimals) && (marks == 1 || mixed)
        });
        let (whole, fraction) = match decimal_at {
            Some(at) => (&digits[..at], &digits[at + 1..]),
            None => (digits.as_str(), ""),
        };
        let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
        if whole.is_empty() && fraction.is_empty() {
            return Err(invalid());
        }
        let units: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| invalid())?
        };
        let cents: i64 = format!("{fraction:0<2}").parse().map_err(|_| invalid())?;
        let total = units
            .checked_mul(100)
            .and_then(|u| u.checked_add(cents))
            .ok_or_else(invalid)?;
        Ok(Money(if negative { -total } else { total }))
    }

    /// "1 234,50" (French) or "1,234.50" (English), without a currency.
    pub fn plain(self, locale: Locale) -> String {
        let (group, decimal) = crate::pick(locale, (THIN, ','), (',', '.'));
        let abs = self.0.unsigned_abs();
        let units = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, digit) in units.chars().enumerate() {
            if i > 0 && (units.len() - i).is_multiple_of(3) {
                grouped.push(group);
            }
            grouped.push(digit);
        }
        let sign = if self.0 < 0 { "-" } else { "" };
        format!("{sign}{grouped}{decimal}{:02}", abs % 100)
    }

    /// "1 234,50 €" (French) or "€1,234.50" (English), in `currency` (an ISO code of [`CURRENCIES`]).
    pub fn display(self, currency: &str, locale: Locale) -> String {
        let symbol = match currency {
            "EUR" => "€",
            "USD" => "$",
            "GBP" => "£",
            other => other,
        };
        match locale {
            Locale::Fr => format!("{}{NBSP}{symbol}", self.plain(locale)),
            Locale::En if symbol.len() <= 2 || symbol.chars().count() == 1 => {
                let plain = self.plain(locale);
                match plain.strip_prefix('-') {
                    Some(positive) => format!("-{symbol}{positive}"),
                    None => format!("{symbol}{plain}"),
                }
            }
            Locale::En => format!("{symbol}{NBSP}{}", self.plain(locale)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_people_type_them() {
        for (typed, cents) in [
            ("180", 18_000),
            ("180,5", 18_050),
            ("180.50", 18_050),
            ("1 234,56", 123_456),
            ("1,234.56", 123_456),
            ("1.234,56", 123_456),
            ("1,234", 123_400),
            ("€ 90", 9_000),
            ("90 EUR", 9_000),
            ("0,05", 5),
            ("-12.30", -1_230),
        ] {
            assert_eq!(Money::parse(typed), Ok(Money(cents)), "{typed}");
        }
        for bad in ["", "abc", "12,3,4.5.6x", "1e5", "99999999999999999999"] {
            assert!(Money::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn amounts_show_in_the_reader_s_language() {
        assert_eq!(
            Money(123_456).display("EUR", Locale::Fr),
            "1\u{202f}234,56\u{a0}€"
        );
        assert_eq!(Money(123_456).display("EUR", Locale::En), "€1,234.56");
        assert_eq!(Money(-500).display("USD", Locale::En), "-$5.00");
        assert_eq!(Money(18_000).display("CHF", Locale::En), "CHF\u{a0}180.00");
        assert_eq!(Money(5).plain(Locale::Fr), "0,05");
    }

    #[test]
    fn display_and_parse_agree() {
        for cents in [0, 5, 99, 100, 18_050, 123_456_789] {
            for locale in [Locale::Fr, Locale::En] {
                let shown = Money(cents).display("EUR", locale);
                assert_eq!(Money::parse(&shown), Ok(Money(cents)), "{shown}");
            }
        }
    }
}
