//! Quote sentences: a quote sent, accepted, or turned into an invoice — the quote tools. Quotes are named by
//! their number as printed (`D-2026-0003`).

use jiff::civil::Date;

use super::{Intent, QuoteStep, text::Text};

/// The quote number in the sentence: `D-2026-0003`.
fn number(text: &Text) -> Option<String> {
    text.words.iter().find_map(|w| {
        let upper = w.to_uppercase();
        let (year, serial) = upper.strip_prefix("D-")?.split_once('-')?;
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        (digits(year, 4) && digits(serial, 4)).then_some(upper)
    })
}

/// "Transforme le devis D-2026-0003 en facture", "Le devis D-2026-0003 est accepté", "Envoie le devis
/// D-2026-0003", and the same in English.
pub fn step(text: &Text, _: Date) -> Option<Intent> {
    let quote = number(text)?;
    let step = if text.has(&[" facture", " invoice"]) {
        QuoteStep::Invoice
    } else if text.has(&[" accepte", " accepted", " accept "]) {
        QuoteStep::Accept
    } else if text.has(&[" envoie", " envoye", " send", " sent"]) {
        QuoteStep::Send
    } else {
        return None;
    };
    Some(Intent::Quote { quote, step })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::parse;

    fn plan(sentence: &str) -> Option<Intent> {
        parse(sentence, Date::new(2026, 11, 26).unwrap())
    }

    #[test]
    fn quote_steps_in_french_and_english() {
        let expected = |step| {
            Some(Intent::Quote {
                quote: "D-2026-0003".into(),
                step,
            })
        };
        for (sentence, step) in [
            (
                "Transforme le devis D-2026-0003 en facture",
                QuoteStep::Invoice,
            ),
            ("Turn quote d-2026-0003 into an invoice", QuoteStep::Invoice),
            ("Le devis D-2026-0003 est accepté", QuoteStep::Accept),
            ("Quote D-2026-0003 was accepted", QuoteStep::Accept),
            ("Envoie le devis D-2026-0003", QuoteStep::Send),
            ("Mark quote D-2026-0003 as sent", QuoteStep::Send),
        ] {
            assert_eq!(plan(sentence), expected(step), "{sentence}");
        }
        assert_eq!(plan("Le devis D-2026-0003"), None);
    }
}
