//! The printable invoice: plain HTML and print CSS (A4, 18 mm margins), every value escaped. What French law
//! asks an invoice to show, and where it is here: the seller's legal name, address, SIRET and VAT number (or
//! the art. 293 B exemption), the number and issue date, the client, each line, VAT per rate, the totals, the
//! due date, and — for a business client — the late-payment penalty rate and the 40 € recovery indemnity.

use studio_wire::{
    Client, ClientKind, Invoice, InvoiceKind, InvoiceStatus, Locale, Money, StudioSettings, day,
    invoices::rate_text, pick,
};

pub struct Document<'a> {
    pub invoice: &'a Invoice,
    pub client: &'a Client,
    pub studio: &'a StudioSettings,
    /// The number of the other half of a cancellation: for a credit note, the invoice it cancels; for a
    /// cancelled invoice, its credit note.
    pub counterpart: Option<&'a str>,
    pub locale: Locale,
}

pub const VAT_EXEMPT: &str = "TVA non applicable, art. 293 B du CGI";
/// The legal default rate (Code de commerce, art. L441-10) and the fixed indemnity (art. D441-5).
pub const PENALTIES_FR: &str = "En cas de retard de paiement : pénalités au taux de refinancement de la BCE majoré de 10 points (art. L441‑10 du Code de commerce) et indemnité forfaitaire pour frais de recouvrement de 40 € (art. D441‑5).";
pub const PENALTIES_EN: &str = "Late payment: penalties at the ECB refinancing rate plus 10 points (French Commercial Code, art. L441‑10) and a fixed recovery indemnity of €40 (art. D441‑5).";

const STYLE: &str = "@page{size:A4;margin:18mm}*{box-sizing:border-box}body{font:10.5pt/1.45 system-ui,sans-serif;color:#1d1d1f;margin:0;max-width:174mm}\
header{display:flex;justify-content:space-between;gap:12mm;margin-bottom:10mm}h1{font-size:20pt;margin:0 0 2mm}\
.muted{color:#555}.draft{border:2px solid #b3261e;color:#b3261e;padding:2mm 4mm;font-weight:600;margin-bottom:6mm}\
table{width:100%;border-collapse:collapse;margin:6mm 0}th,td{padding:2mm;text-align:left;border-bottom:1px solid #ddd;vertical-align:top}\
th{font-size:9pt;text-transform:uppercase;letter-spacing:.03em;color:#555}.n{text-align:right;white-space:nowrap}\
.totals{width:60%;margin-left:auto}.totals td{border:0;padding:1mm 2mm}.grand td{font-weight:700;border-top:2px solid #1d1d1f}\
footer{margin-top:10mm;font-size:9pt;color:#444}footer p{margin:1mm 0}@media screen{body{margin:12mm auto}}";

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// The whole page.
pub fn render(doc: &Document) -> String {
    let (invoice, studio, l) = (doc.invoice, doc.studio, doc.locale);
    let money = |amount: Money| escape(&amount.display(&studio.currency, l));
    let say = |fr: &str, en: &str| pick(l, fr, en).to_owned();
    let credit = invoice.kind == InvoiceKind::CreditNote;
    let title = match (credit, &invoice.number) {
        (true, Some(n)) => format!("{} {}", say("Avoir", "Credit note"), escape(n)),
        (false, Some(n)) => format!("{} {}", say("Facture", "Invoice"), escape(n)),
        (_, None) => say("Facture (brouillon)", "Invoice (draft)"),
    };
    let mut page = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{STYLE}</style></head><body>",
        l.tag()
    );
    if invoice.status == InvoiceStatus::Draft {
        page += &format!(
            "<p class=\"draft\">{}</p>",
            say(
                "Brouillon — sans numéro ni valeur légale tant qu'il n'est pas émis.",
                "Draft — no number and no legal standing until it is issued."
            )
        );
    }
    if let (InvoiceStatus::Cancelled, Some(note)) = (invoice.status, doc.counterpart) {
        page += &format!(
            "<p class=\"draft\">{} {}.</p>",
            say("Annulée par l'avoir", "Cancelled by credit note"),
            escape(note)
        );
    }
    // The seller and the document.
    let seller = studio.legal_name.as_deref().unwrap_or(&studio.display_name);
    let mut identity = format!("<strong>{}</strong>", escape(seller));
    if let Some(address) = &studio.address {
        identity += &format!("<br>{}", escape(address));
    }
    if let Some(siret) = &studio.siret {
        identity += &format!("<br>SIRET {}", escape(siret));
    }
    if studio.vat_exempt {
        identity += &format!("<br>{VAT_EXEMPT}");
    } else if let Some(vat) = &studio.vat_number {
        identity += &format!(
            "<br>{} {}",
            say("N° TVA intracommunautaire", "VAT number"),
            escape(vat)
        );
    }
    let mut dates = String::new();
    if let Some(issued) = invoice.issued_on {
        dates += &format!(
            "{} {}<br>",
            say("Date d'émission :", "Issue date:"),
            day::display(issued, l)
        );
    }
    if let Some(due) = invoice.due_on {
        dates += &format!(
            "{} {}<br>",
            say("Échéance :", "Due date:"),
            day::display(due, l)
        );
    }
    if let (true, Some(original)) = (credit, doc.counterpart) {
        dates += &format!(
            "{} {}<br>",
            say("Annule la facture", "Cancels invoice"),
            escape(original)
        );
    }
    page += &format!(
        "<header><div>{identity}</div><div><h1>{title}</h1><p class=\"muted\">{dates}</p></div></header>"
    );
    // The client.
    let mut client = format!("<strong>{}</strong>", escape(&doc.client.name));
    if let Some(email) = &doc.client.email {
        client += &format!("<br>{}", escape(email));
    }
    page += &format!(
        "<section><p class=\"muted\">{}</p><p>{client}</p></section>",
        say("Client", "Bill to")
    );
    // The lines.
    page += &format!(
        "<table><thead><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
        say("Désignation", "Description"),
        say("Qté", "Qty"),
        say("Prix unitaire HT", "Unit price excl. VAT"),
        say("TVA", "VAT"),
        say("Montant HT", "Amount excl. VAT"),
    );
    for line in &invoice.lines {
        page += &format!(
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&line.description),
            escape(&line.quantity.plain(l)),
            money(line.unit_price),
            rate_text(line.vat_rate, l),
            money(line.amount),
        );
    }
    page += "</tbody></table>";
    // VAT per rate and the totals.
    let mut totals = format!(
        "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
        say("Total HT", "Total excl. VAT"),
        money(invoice.totals.net)
    );
    for vat in &invoice.totals.vat {
        totals += &format!(
            "<tr><td>{} {} {} {}</td><td class=\"n\">{}</td></tr>",
            say("TVA", "VAT"),
            rate_text(vat.rate, l),
            say("sur", "on"),
            money(vat.base),
            money(vat.vat)
        );
    }
    totals += &format!(
        "<tr class=\"grand\"><td>{}</td><td class=\"n\">{}</td></tr>",
        say("Total TTC", "Total incl. VAT"),
        money(invoice.totals.gross)
    );
    if invoice.paid != Money::ZERO {
        totals += &format!(
            "<tr><td>{}</td><td class=\"n\">{}</td></tr><tr><td>{}</td><td class=\"n\">{}</td></tr>",
            say("Déjà réglé", "Paid"),
            money(invoice.paid),
            say("Reste à payer", "Balance due"),
            money(Money(invoice.totals.gross.cents() - invoice.paid.cents())),
        );
    }
    page += &format!("<table class=\"totals\"><tbody>{totals}</tbody></table>");
    // Terms and the studio's own footer.
    page += "<footer>";
    if !credit && doc.client.kind == ClientKind::Company {
        page += &format!("<p>{}</p>", pick(l, PENALTIES_FR, PENALTIES_EN));
    }
    if let Some(footer) = &studio.invoice_footer {
        page += &format!("<p>{}</p>", escape(footer));
    }
    page += "</footer></body></html>";
    page
}

#[cfg(test)]
mod tests {
    use jiff::{Timestamp, civil::date};
    use studio_wire::{InvoiceLine, Quantity, Totals, VatLine};

    use super::*;

    fn studio(vat_exempt: bool) -> StudioSettings {
        StudioSettings {
            display_name: "Studio Démo".into(),
            legal_name: Some("Studio Démo SARL".into()),
            address: Some("12 rue des Studios\n75011 Paris".into()),
            siret: Some("12345678900012".into()),
            vat_number: Some("FR12123456789".into()),
            vat_exempt,
            invoice_footer: Some("IBAN FR76 0000".into()),
            ..StudioSettings::default()
        }
    }

    fn client(kind: ClientKind) -> Client {
        Client {
            id: "C".into(),
            name: "Blue <Harbor> Records".into(),
            email: Some("bookings@blueharbor.example".into()),
            phone: None,
            kind,
            notes: None,
            created_at: Timestamp::UNIX_EPOCH,
            updated_at: Timestamp::UNIX_EPOCH,
            version: 1,
        }
    }

    fn line(
        description: &str,
        quantity: &str,
        unit: i64,
        vat_rate: u32,
        amount: i64,
    ) -> InvoiceLine {
        InvoiceLine {
            description: description.into(),
            quantity: Quantity::parse(quantity).unwrap(),
            unit_price: Money(unit),
            vat_rate,
            amount: Money(amount),
            session_id: None,
        }
    }

    fn issued() -> Invoice {
        Invoice {
            id: "I".into(),
            kind: InvoiceKind::Invoice,
            number: Some("2026-0004".into()),
            status: InvoiceStatus::PartiallyPaid,
            client_id: "C".into(),
            project_id: None,
            lines: vec![
                line("Mix, 3,5 h", "3.5", 4500, 2000, 15750),
                line("Livret", "1", 1000, 550, 1000),
            ],
            totals: Totals {
                net: Money(16750),
                vat: vec![
                    VatLine {
                        rate: 550,
                        base: Money(1000),
                        vat: Money(55),
                    },
                    VatLine {
                        rate: 2000,
                        base: Money(15750),
                        vat: Money(3150),
                    },
                ],
                gross: Money(19955),
            },
            paid: Money(5000),
            issued_on: Some(date(2026, 11, 27)),
            due_on: Some(date(2026, 12, 27)),
            overdue: false,
            credit: None,
            notes: None,
            created_at: Timestamp::UNIX_EPOCH,
            updated_at: Timestamp::UNIX_EPOCH,
            version: 3,
        }
    }

    fn page(invoice: &Invoice, studio: &StudioSettings, client: &Client, locale: Locale) -> String {
        render(&Document {
            invoice,
            client,
            studio,
            counterpart: None,
            locale,
        })
    }

    #[test]
    fn an_invoice_to_a_business_shows_every_legal_mention() {
        let html = page(
            &issued(),
            &studio(false),
            &client(ClientKind::Company),
            Locale::Fr,
        );
        for mention in [
            "Studio Démo SARL",
            "12 rue des Studios<br>75011 Paris",
            "SIRET 12345678900012",
            "N° TVA intracommunautaire FR12123456789",
            "Facture 2026-0004",
            "Date d'émission : 27/11/2026",
            "Échéance : 27/12/2026",
            "Blue &lt;Harbor&gt; Records",
            "Mix, 3,5 h",
            "3,5",
            "TVA 5,5 % sur",
            "TVA 20 % sur",
            "Total HT",
            "Total TTC",
            "Reste à payer",
            PENALTIES_FR,
            "IBAN FR76 0000",
        ] {
            assert!(html.contains(mention), "{mention:?} missing from {html}");
        }
        assert!(!html.contains(VAT_EXEMPT));
    }

    #[test]
    fn a_vat_exempt_studio_says_so_and_a_private_client_gets_no_penalty_clause() {
        let html = page(
            &issued(),
            &studio(true),
            &client(ClientKind::Individual),
            Locale::Fr,
        );
        assert!(html.contains(VAT_EXEMPT), "{html}");
        assert!(!html.contains("FR12123456789"), "no VAT number when exempt");
        assert!(
            !html.contains("L441"),
            "the penalty clause is for business clients"
        );
    }

    #[test]
    fn a_draft_says_it_has_no_legal_standing_and_english_reads_english() {
        let mut draft = issued();
        (draft.number, draft.status, draft.issued_on, draft.due_on) =
            (None, InvoiceStatus::Draft, None, None);
        let html = page(
            &draft,
            &studio(false),
            &client(ClientKind::Company),
            Locale::En,
        );
        for mention in [
            "Invoice (draft)",
            "no legal standing",
            "VAT 5.5 % on",
            "Total incl. VAT",
            PENALTIES_EN,
        ] {
            assert!(html.contains(mention), "{mention:?} missing from {html}");
        }
    }

    #[test]
    fn a_cancelled_invoice_says_by_which_credit_note_and_english_dates_read_as_english() {
        let mut cancelled = issued();
        cancelled.status = InvoiceStatus::Cancelled;
        for (locale, said, issued_on) in [
            (
                Locale::Fr,
                "Annulée par l'avoir AV-2026-0001.",
                "27/11/2026",
            ),
            (
                Locale::En,
                "Cancelled by credit note AV-2026-0001.",
                "27 Nov 2026",
            ),
        ] {
            let html = render(&Document {
                invoice: &cancelled,
                client: &client(ClientKind::Company),
                studio: &studio(false),
                counterpart: Some("AV-2026-0001"),
                locale,
            });
            for mention in [said, issued_on] {
                assert!(html.contains(mention), "{mention:?} missing from {html}");
            }
        }
    }
}
