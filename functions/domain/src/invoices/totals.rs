//! Invoice arithmetic, exact to the cent. The rounding rule, applied here and nowhere else:
//!
//! 1. each line's amount excl. VAT is `quantity × unit price`, rounded to the cent, half away from zero;
//! 2. VAT is computed per rate on the sum of that rate's line amounts, rounded to the cent, half away from zero;
//! 3. the total incl. VAT is the sum of the amounts excl. VAT and of the VAT per rate.
//!
//! Quantities are thousandths and prices cents, so every step is integer arithmetic (i128 in between).

use studio_wire::{InvoiceLine, Money, Quantity, Totals, VatLine};

/// `value / divisor`, rounded half away from zero.
fn divide_rounding(value: i128, divisor: i128) -> i64 {
    let half = divisor / 2;
    let rounded = if value >= 0 {
        (value + half) / divisor
    } else {
        (value - half) / divisor
    };
    rounded as i64
}

/// A line's amount excl. VAT (rule 1).
pub fn line_amount(quantity: Quantity, unit_price: Money) -> Money {
    Money(divide_rounding(
        i128::from(quantity.0) * i128::from(unit_price.cents()),
        1000,
    ))
}

/// The VAT of `base` at `rate` hundredths of a percent (rule 2).
pub fn vat(base: Money, rate: u32) -> Money {
    Money(divide_rounding(
        i128::from(base.cents()) * i128::from(rate),
        10_000,
    ))
}

/// Net, VAT per rate (ascending) and gross of `lines` (rule 3).
pub fn totals(lines: &[InvoiceLine]) -> Totals {
    let mut rates: Vec<u32> = lines.iter().map(|l| l.vat_rate).collect();
    rates.sort_unstable();
    rates.dedup();
    let vat_lines: Vec<VatLine> = rates
        .into_iter()
        .map(|rate| {
            let base = Money(
                lines
                    .iter()
                    .filter(|l| l.vat_rate == rate)
                    .map(|l| l.amount.cents())
                    .sum(),
            );
            VatLine {
                rate,
                base,
                vat: vat(base, rate),
            }
        })
        .collect();
    let net = Money(lines.iter().map(|l| l.amount.cents()).sum());
    let gross = Money(net.cents() + vat_lines.iter().map(|v| v.vat.cents()).sum::<i64>());
    Totals {
        net,
        vat: vat_lines,
        gross,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(quantity: &str, unit_price: i64, vat_rate: u32) -> InvoiceLine {
        let quantity = Quantity::parse(quantity).unwrap();
        InvoiceLine {
            description: "x".into(),
            quantity,
            unit_price: Money(unit_price),
            vat_rate,
            amount: line_amount(quantity, Money(unit_price)),
            session_id: None,
        }
    }

    /// VAT of one rate as (rate, base, vat), in cents.
    type Vat = (u32, i64, i64);

    /// (lines, net, VAT per rate, gross), computed by hand.
    #[test]
    fn totals_are_exact_on_a_hand_computed_table() {
        let cases: Vec<(Vec<InvoiceLine>, i64, Vec<Vat>, i64)> = vec![
            // 3 × 33.33 = 99.99; 20 % of 99.99 = 19.998 → 20.00.
            (
                vec![line("3", 3333, 2000)],
                9999,
                vec![(2000, 9999, 2000)],
                11999,
            ),
            // 3.5 h × 45.00 = 157.50 at 20 % (31.50); 2 × 12.99 = 25.98 at 5.5 % (1.4289 → 1.43).
            (
                vec![line("3.5", 4500, 2000), line("2", 1299, 550)],
                18348,
                vec![(550, 2598, 143), (2000, 15750, 3150)],
                21641,
            ),
            // 0.333 × 10.00 = 3.33; three such lines: VAT on the sum 9.99 → 2.00 (not 3 × 0.67 = 2.01).
            (
                vec![
                    line("0.333", 1000, 2000),
                    line("0.333", 1000, 2000),
                    line("0.333", 1000, 2000),
                ],
                999,
                vec![(2000, 999, 200)],
                1199,
            ),
            // 1.5 × 0.05 = 0.075 → 0.08 (half away from zero).
            (vec![line("1.5", 5, 0)], 8, vec![(0, 8, 0)], 8),
            // A VAT-exempt studio: every line at 0 %.
            (
                vec![line("8", 6000, 0), line("1", 15000, 0)],
                63000,
                vec![(0, 63000, 0)],
                63000,
            ),
            // A credit note: negative quantities round away from zero too.
            (
                vec![line("-3", 3333, 2000)],
                -9999,
                vec![(2000, -9999, -2000)],
                -11999,
            ),
        ];
        for (lines, net, vat, gross) in cases {
            let totals = totals(&lines);
            let got: Vec<Vat> = totals
                .vat
                .iter()
                .map(|v| (v.rate, v.base.cents(), v.vat.cents()))
                .collect();
            assert_eq!(
                (totals.net.cents(), got, totals.gross.cents()),
                (net, vat, gross),
                "{lines:?}"
            );
        }
    }
}
