//! Quantities on invoice lines: exact to the thousandth (3.5 hours, 0.25 day), never a float. On the wire a
//! decimal as a string ("3.5"); a JSON number is read too.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::FieldProblem;

/// Thousandths: `Quantity(3500)` is 3.5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Quantity(pub i64);

impl Quantity {
    pub const ONE: Quantity = Quantity(1000);

    /// "3", "3.5", "3,25", "0.125" (at most three decimals).
    pub fn parse(raw: &str) -> Result<Quantity, FieldProblem> {
        let invalid = || FieldProblem::NotANumber {
            value: raw.trim().to_owned(),
        };
        let text = raw.trim();
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = text.split_once(['.', ',']).unwrap_or((text, ""));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || (!fraction.is_empty() && !digits(fraction)) || fraction.len() > 3 {
            return Err(invalid());
        }
        let whole: i64 = whole.parse().map_err(|_| invalid())?;
        let fraction: i64 = format!("{fraction:0<3}").parse().map_err(|_| invalid())?;
        let value = whole
            .checked_mul(1000)
            .and_then(|w| w.checked_add(fraction))
            .ok_or_else(invalid)?;
        Ok(Quantity(if negative { -value } else { value }))
    }

    /// As a person reads it in `locale`: "3,5" in French, "3.5" in English.
    pub fn plain(self, locale: crate::Locale) -> String {
        let text = self.text();
        match locale {
            crate::Locale::Fr => text.replace('.', ","),
            crate::Locale::En => text,
        }
    }

    /// "3.5", "3", "0.125" (as the API writes it).
    pub fn text(self) -> String {
        let abs = self.0.unsigned_abs();
        let sign = if self.0 < 0 { "-" } else { "" };
        let fraction = format!("{:03}", abs % 1000);
        let fraction = fraction.trim_end_matches('0');
        if fraction.is_empty() {
            format!("{sign}{}", abs / 1000)
        } else {
            format!("{sign}{}.{fraction}", abs / 1000)
        }
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text())
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(QuantityVisitor)
    }
}

/// Reads a quantity from a string or a JSON number, through the quantity's own parser. (Reading through
/// `serde_json::Value` brought its serializer and float printer into the SPA's wasm.)
struct QuantityVisitor;

impl Visitor<'_> for QuantityVisitor {
    type Value = Quantity;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a quantity like 3.5")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Quantity, E> {
        Quantity::parse(text)
            .map_err(|_| E::custom(format_args!("\"{text}\" is not a quantity like 3.5")))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Quantity, E> {
        self.visit_str(&n.to_string())
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Quantity, E> {
        self.visit_str(&n.to_string())
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Quantity, E> {
        self.visit_str(&n.to_string())
    }
}

impl crate::decode::Decode for Quantity {
    fn decode(value: &crate::decode::Value) -> Result<Self, crate::decode::DecodeError> {
        let text = match f64::decode(value) {
            Ok(n) => n.to_string(),
            Err(_) => String::decode(value)?,
        };
        Quantity::parse(&text).map_err(|_| {
            crate::decode::DecodeError::new(format!("\"{text}\" is not a quantity like 3.5"))
        })
    }

    fn placeholder() -> Self {
        Quantity::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quantity_reads_as_its_language_writes_decimals() {
        let q = Quantity::parse("1,5").unwrap();
        assert_eq!(
            (q.plain(crate::Locale::Fr), q.plain(crate::Locale::En)),
            ("1,5".to_owned(), "1.5".to_owned())
        );
    }

    #[test]
    fn quantities_are_exact_to_the_thousandth() {
        for (typed, thousandths, shown) in [
            ("3", 3000, "3"),
            ("3.5", 3500, "3.5"),
            ("3,25", 3250, "3.25"),
            ("0.125", 125, "0.125"),
            ("-2", -2000, "-2"),
        ] {
            let q = Quantity::parse(typed).unwrap();
            assert_eq!((q.0, q.text().as_str()), (thousandths, shown), "{typed}");
        }
        for bad in ["", "1.2345", "x", "1e3", "."] {
            assert!(Quantity::parse(bad).is_err(), "{bad}");
        }
        let read: Quantity = serde_json::from_str("3.5").unwrap();
        assert_eq!(read, Quantity(3500));
        assert_eq!(serde_json::to_string(&read).unwrap(), "\"3.5\"");
        for (json, thousandths) in [
            ("\"0,25\"", 250),
            ("2", 2000),
            ("-1", -1000),
            ("1e3", 1_000_000),
        ] {
            let read: Quantity = serde_json::from_str(json).unwrap();
            assert_eq!(read, Quantity(thousandths), "{json}");
        }
        for bad in ["true", "\"x\"", "0.0001", "null", "[1]"] {
            let error = serde_json::from_str::<Quantity>(bad)
                .unwrap_err()
                .to_string();
            assert!(error.contains("quantity like 3.5"), "{bad}: {error}");
        }
    }
}
