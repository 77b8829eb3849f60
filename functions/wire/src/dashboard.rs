//! `GET /api/dashboard`: the home page's figures in one read — today's and the coming week's sessions, what
//! issued invoices still owe (and what is overdue), revenue this month against last month, and how busy each
//! room is this week.

use crate::decode::Decode;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::{Money, Revenue, Session};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
pub struct Dashboard {
    /// Today in the studio's time zone.
    #[serde(with = "crate::day")]
    pub today: Date,
    /// Today's sessions (cancelled ones left out), by start.
    pub today_sessions: Vec<Session>,
    /// The sessions of the next seven days after today, by start, at most [`Dashboard::UPCOMING_MAX`].
    pub upcoming: Vec<Session>,
    /// Issued invoices not fully paid.
    pub unpaid: Outstanding,
    /// Those of them past their due date.
    pub overdue: Outstanding,
    /// The overdue invoices, longest overdue first, at most [`Dashboard::OVERDUE_MAX`].
    pub overdue_invoices: Vec<DueInvoice>,
    pub revenue_this_month: Revenue,
    pub revenue_last_month: Revenue,
    /// Booked minutes per room this week (Monday to Sunday), busiest first; every room, idle ones too.
    pub busiest_rooms: Vec<RoomLoad>,
}

impl Dashboard {
    pub const UPCOMING_MAX: usize = 10;
    pub const OVERDUE_MAX: usize = 10;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Decode)]
pub struct Outstanding {
    pub count: u32,
    /// What they still owe, incl. VAT.
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Decode)]
pub struct DueInvoice {
    pub id: String,
    pub number: String,
    pub client_id: String,
    pub balance: Money,
    #[serde(with = "crate::day")]
    pub due_on: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Decode)]
pub struct RoomLoad {
    pub room_id: String,
    pub name: String,
    pub minutes: i64,
}
