//! A draft's lines (description, quantity, unit price, VAT rate) and notes: the form that edits a draft invoice
//! or quote, and makes a new quote (then with its client). Numbers are read here with the wire's parsers, and a
//! line the API would refuse is refused before sending, under the API's own field names (`lines.2.quantity`).

use studio_wire::{
    FieldProblem, Invoice, InvoiceLine, InvoicePatch, Money, NewLine, NewQuote, Quantity, Quote,
    QuotePatch,
};
use yew::prelude::*;

use super::{FormProps, edit, field, form_shell, percent, refused, use_form};
use crate::{api::ApiError, components::ClientPicker, i18n::use_texts};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineValues {
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    /// Blank: the studio's default rate.
    pub vat_rate: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LinesFormValues {
    /// A new quote's client, chosen in the form; `None` when editing a draft (its client stays).
    pub client: Option<String>,
    pub lines: Vec<LineValues>,
    pub notes: String,
}

impl LinesFormValues {
    /// A new quote: its client to choose, one line to fill.
    pub fn new_quote() -> Self {
        Self {
            client: Some(String::new()),
            lines: vec![LineValues {
                quantity: "1".to_owned(),
                ..LineValues::default()
            }],
            notes: String::new(),
        }
    }

    pub fn of(invoice: &Invoice, locale: studio_wire::Locale) -> Self {
        Self::of_lines(&invoice.lines, &invoice.notes, locale)
    }

    pub fn of_quote(quote: &Quote, locale: studio_wire::Locale) -> Self {
        Self::of_lines(&quote.lines, &quote.notes, locale)
    }

    fn of_lines(
        lines: &[InvoiceLine],
        notes: &Option<String>,
        locale: studio_wire::Locale,
    ) -> Self {
        Self {
            client: None,
            lines: lines
                .iter()
                .map(|l| LineValues {
                    description: l.description.clone(),
                    quantity: l.quantity.plain(locale),
                    unit_price: l.unit_price.plain(locale),
                    vat_rate: Money(i64::from(l.vat_rate)).plain(locale),
                })
                .collect(),
            notes: notes.clone().unwrap_or_default(),
        }
    }

    pub fn to_patch(&self, invoice: &Invoice) -> Result<InvoicePatch, ApiError> {
        Ok(InvoicePatch {
            version: invoice.version,
            lines: Some(self.new_lines()?),
            notes: Some(self.notes.clone()),
            ..InvoicePatch::default()
        })
    }

    pub fn to_quote_patch(&self, quote: &Quote) -> Result<QuotePatch, ApiError> {
        Ok(QuotePatch {
            version: quote.version,
            lines: Some(self.new_lines()?),
            notes: Some(self.notes.clone()),
            ..QuotePatch::default()
        })
    }

    /// A new quote (valid for the studio's default period).
    pub fn to_new_quote(&self) -> Result<NewQuote, ApiError> {
        Ok(NewQuote {
            client_id: self.client.clone().unwrap_or_default(),
            lines: self.new_lines()?,
            notes: super::optional(&self.notes),
            ..NewQuote::default()
        })
    }

    /// The lines as the API takes them, or the refusal naming each unreadable number.
    fn new_lines(&self) -> Result<Vec<NewLine>, ApiError> {
        let mut problems = Vec::new();
        let mut lines = Vec::new();
        for (index, line) in self.lines.iter().enumerate() {
            let mut take = |name: &str, problem: FieldProblem| {
                problems.push((format!("lines.{index}.{name}"), problem));
            };
            let filled = |text: &str| match text.trim() {
                "" => Err(FieldProblem::Required),
                _ => Ok(()),
            };
            let quantity = filled(&line.quantity)
                .and_then(|()| Quantity::parse(&line.quantity))
                .map_err(|p| take("quantity", p));
            let unit_price = filled(&line.unit_price)
                .and_then(|()| Money::parse(&line.unit_price))
                .map_err(|p| take("unit_price", p));
            let vat_rate = match line.vat_rate.trim() {
                "" => Ok(None),
                rate => percent(rate).map(Some).map_err(|p| take("vat_rate", p)),
            };
            if let (Ok(quantity), Ok(unit_price), Ok(vat_rate)) = (quantity, unit_price, vat_rate) {
                lines.push(NewLine {
                    description: line.description.clone(),
                    quantity,
                    unit_price,
                    vat_rate,
                });
            }
        }
        if !problems.is_empty() {
            return Err(refused(problems));
        }
        Ok(lines)
    }
}

#[function_component]
pub fn LinesForm(props: &FormProps<LinesFormValues>) -> Html {
    let texts = use_texts();
    let b = texts.billing;
    let (values, submit) = use_form(props);
    let error = props.error.clone();
    // Each input is named by its column and its line's number ("Quantité 2"): the table's head is not a label.
    let cell = |index: usize,
                name: &str,
                column: &str,
                value: &str,
                update: fn(&mut LineValues, String)| {
        let values = values.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let mut next = (*values).clone();
            if let Some(line) = next.lines.get_mut(index) {
                update(line, super::control_value(&e));
            }
            values.set(next);
        });
        let message = error
            .as_ref()
            .and_then(|e| e.field(&format!("lines.{index}.{name}")).map(str::to_owned));
        html! {
            <td>
                <input name={format!("lines.{index}.{name}")} aria-label={format!("{column} {}", index + 1)}
                    value={value.to_owned()} {oninput} />
                if let Some(message) = message {
                    <span class="field-error">{ message }</span>
                }
            </td>
        }
    };
    let add = {
        let values = values.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*values).clone();
            next.lines.push(LineValues {
                quantity: "1".to_owned(),
                ..LineValues::default()
            });
            values.set(next);
        })
    };
    let remove = |index: usize| {
        let values = values.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*values).clone();
            next.lines.remove(index);
            values.set(next);
        })
    };
    form_shell(
        texts,
        props.shell("lines-form", submit),
        html! { <>
            if let Some(client) = &values.client {
                { field(texts.col_client, "client_id", &error, html! {
                    <ClientPicker selected={client.clone()} label={texts.col_client} none={texts.choose} required=true
                        onchange={edit(&values, |v, s| v.client = Some(s))} />
                }) }
            }
            <table class="table lines-table">
                <thead><tr>
                    <th>{ b.col_description }</th><th>{ b.col_quantity }</th><th>{ b.col_unit_price }</th>
                    <th>{ b.col_vat }{" (%)"}</th><th></th>
                </tr></thead>
                <tbody>
                    { for values.lines.iter().enumerate().map(|(i, l)| html! {
                        <tr class="line-row">
                            { cell(i, "description", b.col_description, &l.description, |l, s| l.description = s) }
                            { cell(i, "quantity", b.col_quantity, &l.quantity, |l, s| l.quantity = s) }
                            { cell(i, "unit_price", b.col_unit_price, &l.unit_price, |l, s| l.unit_price = s) }
                            { cell(i, "vat_rate", b.col_vat, &l.vat_rate, |l, s| l.vat_rate = s) }
                            <td><button type="button" class="delete" onclick={remove(i)}>{ texts.delete }</button></td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <div><button type="button" id="add-line" onclick={add}>{ b.add_line }</button></div>
            { field(texts.col_notes, "notes", &error, html! {
                <textarea name="notes" value={values.notes.clone()} oninput={edit(&values, |v, s| v.notes = s)} />
            }) }
        </> },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Invoice {
        serde_json::from_value(serde_json::json!({
            "id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "kind": "invoice", "status": "draft",
            "client_id": "01ARZ3NDEKTSV4RRFFQ69G5FAW", "lines": [], "totals": {"net": 0, "vat": [], "gross": 0},
            "created_at": "2026-11-27T10:00:00Z", "updated_at": "2026-11-27T10:00:00Z", "version": 3
        }))
        .unwrap()
    }

    fn line(quantity: &str, unit_price: &str, vat_rate: &str) -> LineValues {
        LineValues {
            description: "Mix".into(),
            quantity: quantity.into(),
            unit_price: unit_price.into(),
            vat_rate: vat_rate.into(),
        }
    }

    #[test]
    fn lines_are_read_exactly_and_a_blank_rate_is_the_studio_default() {
        let values = LinesFormValues {
            client: None,
            lines: vec![line("3,5", "49,90", "5,5"), line("1", "40", "")],
            notes: String::new(),
        };
        let patch = values.to_patch(&draft()).unwrap();
        let lines = patch.lines.unwrap();
        assert_eq!(patch.version, 3);
        assert_eq!(
            (lines[0].quantity, lines[0].unit_price, lines[0].vat_rate),
            (Quantity(3500), Money(4990), Some(550))
        );
        assert_eq!(lines[1].vat_rate, None);
    }

    #[test]
    fn a_new_quote_takes_its_client_and_lines_and_an_edited_one_its_version() {
        let mut values = LinesFormValues::new_quote();
        values.client = Some("01ARZ3NDEKTSV4RRFFQ69G5FAW".into());
        values.lines = vec![line("2", "250", "")];
        let quote = values.to_new_quote().unwrap();
        assert_eq!(
            (
                quote.client_id.as_str(),
                quote.lines[0].unit_price,
                quote.notes
            ),
            ("01ARZ3NDEKTSV4RRFFQ69G5FAW", Money(25_000), None)
        );
        values.lines = vec![line("deux", "250", "")];
        assert!(
            values
                .to_new_quote()
                .unwrap_err()
                .field("lines.0.quantity")
                .is_some()
        );
    }

    #[test]
    fn what_the_api_would_refuse_is_refused_under_its_field_names() {
        let values = LinesFormValues {
            client: None,
            lines: vec![line("1", "40", ""), line("deux", "", "vingt")],
            notes: String::new(),
        };
        let refusal = values.to_patch(&draft()).unwrap_err();
        for name in ["lines.1.quantity", "lines.1.unit_price", "lines.1.vat_rate"] {
            assert!(refusal.field(name).is_some(), "{name}: {refusal:?}");
        }
        assert!(refusal.field("lines.0.quantity").is_none());
    }
}
