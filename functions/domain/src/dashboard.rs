//! The home page's figures, read in one call: sessions from the calendar days (today, the coming week, this
//! week for the rooms' load), invoices (with their derived `overdue`) and payments as revenue reads them.

use jiff::{Timestamp, ToSpan, civil::Date, tz::TimeZone};
use studio_wire::{
    Dashboard, DueInvoice, Invoice, InvoiceKind, InvoiceStatus, Money, Outstanding, Payment, Room,
    RoomLoad, Session,
};

use crate::{
    Ctx, DomainError, StoreError, entity, invoices, revenue,
    sessions::{self, SessionQuery},
    settings,
};

/// The first instant of `day` in `zone` (days near today always have one).
fn midnight(zone: &TimeZone, day: Date) -> Result<Timestamp, DomainError> {
    day.to_zoned_datetime(zone.clone())
        .map(|z| z.timestamp())
        .map_err(|e| StoreError::Unavailable(format!("no start of {day}: {e}")).into())
}

/// Minutes of `session` within `[from, to)`.
fn minutes_within(session: &Session, from: Timestamp, to: Timestamp) -> i64 {
    let (start, end) = (session.start.max(from), session.end.min(to));
    if end > start {
        end.duration_since(start).as_mins()
    } else {
        0
    }
}

fn outstanding(invoices: &[&Invoice]) -> Outstanding {
    Outstanding {
        count: u32::try_from(invoices.len()).unwrap_or(u32::MAX),
        amount: Money(invoices.iter().map(|i| balance(i).cents()).sum()),
    }
}

fn balance(invoice: &Invoice) -> Money {
    Money(invoice.totals.gross.cents() - invoice.paid.cents())
}

pub async fn get(ctx: &Ctx) -> Result<Dashboard, DomainError> {
    let zone = settings::load(ctx).await?.zone;
    let today = ctx.now().to_zoned_datetime(zone.clone()).date();
    let week_start = today
        .checked_sub(i64::from(today.weekday().to_monday_zero_offset()).days())
        .unwrap_or(today);
    let day = |offset: i64, from: Date| from.checked_add(offset.days()).unwrap_or(from);
    let (today_0, tomorrow_0, horizon) = (
        midnight(&zone, today)?,
        midnight(&zone, day(1, today))?,
        midnight(&zone, day(8, today))?,
    );
    let (week_0, week_end) = (
        midnight(&zone, week_start)?,
        midnight(&zone, day(7, week_start))?,
    );
    let query = SessionQuery {
        from: Some(today_0.min(week_0)),
        to: Some(horizon.max(week_end)),
        ..SessionQuery::default()
    };
    let booked = sessions::list(ctx, &query).await?.items;
    let today_sessions: Vec<Session> = booked
        .iter()
        .filter(|s| s.start < tomorrow_0 && s.end > today_0)
        .cloned()
        .collect();
    let upcoming: Vec<Session> = booked
        .iter()
        .filter(|s| s.start >= tomorrow_0 && s.start < horizon)
        .take(Dashboard::UPCOMING_MAX)
        .cloned()
        .collect();
    let rooms = entity::all::<Room>(ctx, None, |_| Vec::new()).await?;
    let mut busiest_rooms: Vec<RoomLoad> = rooms
        .iter()
        .filter(|r| r.active)
        .map(|room| RoomLoad {
            room_id: room.id.clone(),
            name: room.name.clone(),
            minutes: booked
                .iter()
                .filter(|s| s.room_id == room.id)
                .map(|s| minutes_within(s, week_0, week_end))
                .sum(),
        })
        .collect();
    busiest_rooms.sort_by(|a, b| b.minutes.cmp(&a.minutes).then_with(|| a.name.cmp(&b.name)));

    let invoices = invoices::all(ctx).await?;
    let unpaid: Vec<&Invoice> = invoices
        .iter()
        .filter(|i| i.kind == InvoiceKind::Invoice)
        .filter(|i| {
            matches!(
                i.status,
                InvoiceStatus::Issued | InvoiceStatus::PartiallyPaid
            )
        })
        .collect();
    let mut overdue: Vec<&Invoice> = unpaid.iter().copied().filter(|i| i.overdue).collect();
    overdue.sort_by_key(|i| (i.due_on, i.number.clone()));
    let payments = entity::all::<Payment>(ctx, None, |_| Vec::new()).await?;
    let month =
        |last: Date| revenue::of_documents(&invoices, &payments, last.first_of_month(), last);
    let last_month = today.first_of_month().yesterday().unwrap_or(today);
    Ok(Dashboard {
        today,
        today_sessions,
        upcoming,
        unpaid: outstanding(&unpaid),
        overdue: outstanding(&overdue),
        overdue_invoices: overdue
            .iter()
            .take(Dashboard::OVERDUE_MAX)
            .map(|i| DueInvoice {
                id: i.id.clone(),
                number: i.number.clone().unwrap_or_default(),
                client_id: i.client_id.clone(),
                balance: balance(i),
                due_on: i.due_on.unwrap_or(today),
            })
            .collect(),
        revenue_this_month: month(today.last_of_month()),
        revenue_last_month: month(last_month),
        busiest_rooms,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use jiff::SignedDuration;
    use studio_wire::{
        Money, NewClient, NewInvoice, NewLine, NewPayment, NewRoom, NewSession, Quantity,
        SessionStatus,
    };

    use super::*;
    use crate::{Clock, clients, invoices, payments, rooms, testing::ctx};

    /// A clock the test moves.
    struct Hands(Mutex<Timestamp>);

    impl Clock for Hands {
        fn now(&self) -> Timestamp {
            *self.0.lock().unwrap()
        }
    }

    #[tokio::test]
    async fn figures_for_the_home_page_sessions_unpaid_overdue_revenue_and_room_load() {
        let hands = Arc::new(Hands(Mutex::new("2026-10-05T09:00:00Z".parse().unwrap())));
        let mut ctx = ctx();
        ctx.services.clock = hands.clone();
        let (client, _) = clients::create(
            &ctx,
            &NewClient {
                name: "Léa".into(),
                ..NewClient::default()
            },
        )
        .await
        .unwrap();
        let room = |name: &str| NewRoom {
            name: name.into(),
            hourly_rate: Money(5000),
            ..NewRoom::default()
        };
        let (a, _) = rooms::create(&ctx, &room("Studio A")).await.unwrap();
        rooms::create(&ctx, &room("Studio B")).await.unwrap();
        // Issued on 5 October, due 30 days later: overdue by 27 November; a second one, half paid.
        let draft = NewInvoice {
            client_id: client.id.clone(),
            lines: vec![NewLine {
                description: "Mix".into(),
                quantity: Quantity::parse("1").unwrap(),
                unit_price: Money(10_000),
                vat_rate: Some(2000),
            }],
            ..NewInvoice::default()
        };
        let (old, _) = invoices::create(&ctx, &draft).await.unwrap();
        invoices::issue(&ctx, &old.id, 1).await.unwrap();
        *hands.0.lock().unwrap() = "2026-11-27T09:00:00Z".parse().unwrap(); // a Friday
        let (recent, _) = invoices::create(&ctx, &draft).await.unwrap();
        let (recent, _) = invoices::issue(&ctx, &recent.id, 1).await.unwrap();
        let half = NewPayment {
            invoice_id: recent.id.clone(),
            amount: Money(6_000),
            method: Default::default(),
            paid_on: None,
            reference: None,
        };
        payments::record(&ctx, &half).await.unwrap();
        for (start, hours) in [
            ("2026-11-27T13:00:00Z", 2),
            ("2026-11-28T09:00:00Z", 3),
            ("2026-12-01T09:00:00Z", 1),
        ] {
            let start: Timestamp = start.parse().unwrap();
            let booking = NewSession {
                title: None,
                client_id: client.id.clone(),
                room_id: a.id.clone(),
                project_id: None,
                start,
                end: start + SignedDuration::from_hours(hours),
                status: SessionStatus::Scheduled,
                engineer: None,
                notes: None,
            };
            sessions::create(&ctx, &booking).await.unwrap();
        }

        assert!(
            invoices::get(&ctx, &old.id).await.unwrap().overdue,
            "due 4 November, unpaid"
        );
        assert!(!invoices::get(&ctx, &recent.id).await.unwrap().overdue);
        let board = get(&ctx).await.unwrap();
        assert_eq!(board.today, Date::new(2026, 11, 27).unwrap());
        assert_eq!((board.today_sessions.len(), board.upcoming.len()), (1, 2));
        assert_eq!(
            board.unpaid,
            Outstanding {
                count: 2,
                amount: Money(12_000 + 6_000)
            }
        );
        assert_eq!(
            board.overdue,
            Outstanding {
                count: 1,
                amount: Money(12_000)
            }
        );
        assert_eq!(board.overdue_invoices[0].number, "2026-0001");
        assert_eq!(
            (
                board.revenue_this_month.invoiced_net,
                board.revenue_this_month.collected
            ),
            (Money(10_000), Money(6_000))
        );
        assert_eq!(board.revenue_last_month.invoiced_net, Money(10_000));
        // This week is Monday 23 to Sunday 29 November: 2 h + 3 h in Studio A; 1 December is next week.
        let load: Vec<(&str, i64)> = board
            .busiest_rooms
            .iter()
            .map(|r| (r.name.as_str(), r.minutes))
            .collect();
        assert_eq!(load, [("Studio A", 300), ("Studio B", 0)]);
    }
}
