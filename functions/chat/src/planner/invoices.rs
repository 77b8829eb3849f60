//! Billing sentences: record a payment, what a client owes, cancel an invoice with a credit note, issue a
//! client's draft — the billing tools. Invoices are named by their number as printed (`2026-0004`).

use jiff::civil::Date;
use studio_wire::PaymentMethod;

use super::{
    Intent,
    sessions::STOP,
    text::{Text, folded, name_at},
};

/// The invoice number in the sentence: `2026-0004` or `AV-2026-0001`.
fn number(text: &Text) -> Option<String> {
    text.words.iter().find_map(|w| {
        let upper = w.to_uppercase();
        let bare = upper.strip_prefix("AV-").unwrap_or(&upper);
        let (year, serial) = bare.split_once('-')?;
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        (digits(year, 4) && digits(serial, 4)).then_some(upper)
    })
}

/// Whether the sentence takes a payment back ("contre-passe", "reverse", "annule le paiement"): never read as
/// recording one.
fn reversing(text: &Text) -> bool {
    text.has(&[
        " contre-pass",
        " contrepass",
        " reverse",
        " rembourse",
        " refund",
    ]) || (text.has(&[" annul", " cancel", " undo"]) && text.has(&[" paiement", " payment"]))
}

/// "Contre-passe le paiement de 100 € de la facture 2026-0002", "Reverse the payment on invoice 2026-0002": the
/// amount, when given, says which of the invoice's payments.
pub fn reverse_payment(text: &Text, _: Date) -> Option<Intent> {
    if !reversing(text) {
        return None;
    }
    Some(Intent::ReversePayment {
        invoice: number(text)?,
        amount: text.amount(),
    })
}

/// "Enregistre un paiement de 300 € par virement sur la facture 2026-0004".
/// Also "Record 100 € by card on invoice 2026-0001", "Encaisse 80 € sur la facture 2026-0001".
pub fn payment(text: &Text, _: Date) -> Option<Intent> {
    if reversing(text) {
        return None;
    }
    let paid = text.has(&[" paiement", " payment", " reglement"])
        || (text.has(&[" record ", " encaisse ", " enregistre "])
            && text.has(&["€", " eur", " euro"]));
    if !paid {
        return None;
    }
    let invoice = number(text)?;
    let amount = text.amount()?;
    let method = [
        (
            PaymentMethod::Transfer,
            &["virement", "transfer", "wire"][..],
        ),
        (PaymentMethod::Card, &["carte", "cb", "card"][..]),
        (PaymentMethod::Cash, &["especes", "cash", "liquide"][..]),
        (PaymentMethod::Cheque, &["cheque", "check"][..]),
    ]
    .into_iter()
    .find(|(_, words)| {
        text.words
            .iter()
            .any(|w| words.contains(&folded(w).as_str()))
    })
    .map(|(method, _)| method);
    Some(Intent::RecordPayment {
        invoice,
        amount,
        method,
    })
}

/// "Combien me doit Léa Martin ?", "How much does Lea Martin owe?".
pub fn balance(text: &Text, today: Date) -> Option<Intent> {
    let words = &text.words;
    if let Some(at) = text.position(&["doit"]) {
        let client = name_at(words, at + 1, STOP, today)?;
        return Some(Intent::ClientBalance { client });
    }
    let owe = text.position(&["owe", "owes"])?;
    let from = text.position(&["does", "do"]).map_or(0, |d| d + 1);
    let client: Vec<&str> = words[from..owe].iter().map(String::as_str).collect();
    (!client.is_empty()).then(|| Intent::ClientBalance {
        client: client.join(" "),
    })
}

/// "Quel est le chiffre d'affaires du mois dernier ?", "Revenue from 2026-11-01 to 2026-11-30": the two
/// days named, last month, or (no day named) this month.
pub fn revenue(text: &Text, today: Date) -> Option<Intent> {
    if !text.has(&[
        " chiffre d'affaire",
        " chiffre d’affaire",
        " revenue",
        " turnover",
    ]) {
        return None;
    }
    let days: Vec<Date> = text
        .words
        .iter()
        .filter_map(|w| crate::when::parse(w, today).date)
        .collect();
    let (from, to) = if text.has(&[" mois dernier", " last month"]) {
        let last = today.first_of_month().yesterday().ok()?;
        (Some(last.first_of_month()), Some(last))
    } else {
        (days.first().copied(), days.get(1).copied())
    };
    Some(Intent::Revenue { from, to })
}

/// "Quelles factures sont en retard ?", "Which invoices are overdue?".
pub fn overdue(text: &Text, _: Date) -> Option<Intent> {
    (text.has(&[" facture", " invoice"]) && text.has(&[" en retard", " overdue", " late"]))
        .then_some(Intent::OverdueInvoices)
}

/// "Annule la facture 2026-0004 par un avoir", "Cancel invoice 2026-0004 with a credit note".
pub fn credit_note(text: &Text, _: Date) -> Option<Intent> {
    if !text.has(&[" avoir", " credit note"]) {
        return None;
    }
    Some(Intent::CreditNote {
        invoice: number(text)?,
    })
}

/// "Facture les sessions de Léa Martin du 2026-11-01 au 2026-11-30", "Invoice the sessions of Lea Martin from
/// 2026-11-01 to 2026-11-30": the two days the sentence names.
pub fn bill_sessions(text: &Text, today: Date) -> Option<Intent> {
    let asks = text.has(&[
        " facture les sessions",
        " factures les sessions",
        " invoice the sessions",
        " bill the sessions",
    ]);
    if !asks {
        return None;
    }
    let at = text.position(&["de", "du", "of", "for"])?;
    let client = name_at(&text.words, at + 1, STOP, today)?;
    let days: Vec<Date> = text
        .words
        .iter()
        .filter_map(|w| crate::when::parse(w, today).date)
        .collect();
    let (&from, &to) = (days.first()?, days.get(1)?);
    Some(Intent::BillSessions { client, from, to })
}

/// "Émets la facture de Léa Martin", "Issue Lea Martin's invoice".
pub fn issue(text: &Text, today: Date) -> Option<Intent> {
    if !(text.has(&[" emets ", " emettre ", " emet ", " issue "])
        && text.has(&[" facture", " invoice"]))
    {
        return None;
    }
    let words = &text.words;
    if let Some(i) = words
        .iter()
        .position(|w| w.ends_with("'s") || w.ends_with("’s"))
    {
        let from = text.position(&["issue"]).map_or(0, |v| v + 1);
        let mut name: Vec<String> = words[from..=i].to_vec();
        let last = name.pop()?;
        name.push(
            last.trim_end_matches("'s")
                .trim_end_matches("’s")
                .to_owned(),
        );
        return Some(Intent::IssueInvoice {
            client: name.join(" "),
        });
    }
    let at = text.position(&["de", "du", "pour", "for", "of"])?;
    Some(Intent::IssueInvoice {
        client: name_at(words, at + 1, STOP, today)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::parse;

    fn plan(sentence: &str) -> Option<Intent> {
        parse(sentence, Date::new(2026, 11, 26).unwrap())
    }

    #[test]
    fn revenue_of_a_period_last_month_or_this_month() {
        let day = |m, d| Some(Date::new(2026, m, d).unwrap());
        let last_month = Some(Intent::Revenue {
            from: day(10, 1),
            to: day(10, 31),
        });
        assert_eq!(
            plan("Quel est le chiffre d'affaires du mois dernier ?"),
            last_month
        );
        assert_eq!(plan("What was last month's revenue?"), last_month);
        assert_eq!(
            plan("Revenue from 2026-11-01 to 2026-11-15"),
            Some(Intent::Revenue {
                from: day(11, 1),
                to: day(11, 15)
            })
        );
        assert_eq!(
            plan("Chiffre d'affaires de ce mois"),
            Some(Intent::Revenue {
                from: None,
                to: None
            })
        );
        assert_eq!(plan("Ça marche"), None);
    }

    #[test]
    fn overdue_invoices_in_french_and_english() {
        for sentence in [
            "Quelles factures sont en retard ?",
            "Which invoices are overdue?",
            "Factures impayées en retard",
        ] {
            assert_eq!(plan(sentence), Some(Intent::OverdueInvoices), "{sentence}");
        }
    }

    #[test]
    fn payments_in_french_and_english() {
        let expected = Some(Intent::RecordPayment {
            invoice: "2026-0004".into(),
            amount: "300".into(),
            method: Some(PaymentMethod::Transfer),
        });
        assert_eq!(
            plan("Enregistre un paiement de 300 € par virement sur la facture 2026-0004"),
            expected
        );
        assert_eq!(
            plan("Record a payment of 300 € by transfer on invoice 2026-0004"),
            expected
        );
        assert_eq!(
            plan("paiement de 120,50€ en espèces facture 2026-0002"),
            Some(Intent::RecordPayment {
                invoice: "2026-0002".into(),
                amount: "120,50".into(),
                method: Some(PaymentMethod::Cash),
            })
        );
    }

    #[test]
    fn a_payment_taken_back_is_reversed_never_recorded() {
        for sentence in [
            "Contre-passe le paiement de 100 € de la facture 2026-0002",
            "Reverse the payment of 100 € on invoice 2026-0002",
            "Annule le paiement de 100 € sur la facture 2026-0002",
        ] {
            let expected = Some(Intent::ReversePayment {
                invoice: "2026-0002".into(),
                amount: Some("100".into()),
            });
            assert_eq!(plan(sentence), expected, "{sentence}");
        }
        assert_eq!(
            plan("Rembourse le paiement de la facture 2026-0002"),
            Some(Intent::ReversePayment {
                invoice: "2026-0002".into(),
                amount: None
            })
        );
        assert_eq!(
            plan("Reverse the payment of 100 €"),
            None,
            "no invoice named: nothing"
        );
    }

    #[test]
    fn billing_a_client_s_sessions_of_a_period() {
        let expected = Some(Intent::BillSessions {
            client: "Léa Martin".into(),
            from: Date::new(2026, 11, 1).unwrap(),
            to: Date::new(2026, 11, 30).unwrap(),
        });
        assert_eq!(
            plan("Facture les sessions de Léa Martin du 2026-11-01 au 2026-11-30"),
            expected
        );
        assert_eq!(
            plan("Invoice the sessions of Léa Martin from 2026-11-01 to 2026-11-30"),
            expected
        );
    }

    #[test]
    fn balances_credit_notes_and_issuing() {
        let lea = Some(Intent::ClientBalance {
            client: "Léa Martin".into(),
        });
        assert_eq!(plan("Combien me doit Léa Martin ?"), lea);
        assert_eq!(plan("How much does Léa Martin owe?"), lea);
        assert_eq!(
            plan("Annule la facture 2026-0004 par un avoir"),
            Some(Intent::CreditNote {
                invoice: "2026-0004".into()
            })
        );
        assert_eq!(
            plan("Émets la facture de Léa Martin"),
            Some(Intent::IssueInvoice {
                client: "Léa Martin".into()
            })
        );
        assert_eq!(
            plan("Issue Léa Martin's invoice"),
            Some(Intent::IssueInvoice {
                client: "Léa Martin".into()
            })
        );
    }
}
