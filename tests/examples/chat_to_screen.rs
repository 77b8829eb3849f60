//! The chat → screen figure of `cargo xtask bench`: in headless Chromium, the calendar of a coming week (four
//! mounted views: its sessions, the clients and rooms lists, the studio's settings) with the assistant's panel
//! open; 30 bookings asked of the assistant (once the change feed's first two polls have passed), each timed from
//! the end of the chat response to the calendar showing the session, and the API requests it caused counted —
//! with the resource store's targeted invalidation, then with the "invalidate everything" reference
//! (`?invalidate=all`). Prints one `figure` line; needs what the browser tests need (`STUDIO_DIST`,
//! `STUDIO_TEST_WEBDRIVER`).

#[path = "../tests/common/mod.rs"]
mod common;

use common::browser::{WAIT, browser, requests, send_to_assistant, shown, start_stack};
use fantoccini::Client;
use jiff::{ToSpan, civil::Date};
use studio_domain::rooms;
use studio_wire::{Money, NewRoom};

const WRITES: usize = 30;

/// One mode's measures: ms from the chat response to the screen, and requests per write.
struct Measured {
    times: Vec<f64>,
    requests: Vec<usize>,
}

impl Measured {
    fn percentile(&self, p: usize) -> f64 {
        let mut times = self.times.clone();
        times.sort_by(f64::total_cmp);
        times[(times.len() * p / 100).min(times.len() - 1)]
    }

    fn requests_per_write(&self) -> f64 {
        self.requests.iter().sum::<usize>() as f64 / self.requests.len() as f64
    }

    fn summary(&self) -> String {
        format!(
            "p50 {:.1} ms, p95 {:.1} ms, {:.2} requests per write",
            self.percentile(50),
            self.percentile(95),
            self.requests_per_write()
        )
    }
}

async fn page_state(browser: &Client) -> (Option<f64>, f64, usize) {
    let script = "return [window.__shownAt, performance.now(), performance.getEntriesByType('resource').length];";
    let value = browser.execute(script, vec![]).await.unwrap();
    serde_json::from_value(value).unwrap()
}

/// Books `WRITES` sessions through the assistant on the calendar of the week of `monday`, opened with `query`.
async fn measure(
    stack: &common::browser::Stack,
    browser: &Client,
    monday: Date,
    query: &str,
) -> Measured {
    browser
        .goto(&format!("{}/calendar?week={monday}{query}", stack.url))
        .await
        .unwrap();
    shown(browser, ".cal-grid").await;
    browser
        .execute(
            "performance.setResourceTimingBufferSize(100000); return null;",
            vec![],
        )
        .await
        .unwrap();
    // The change feed's polls (at load, then every 10 s) re-apply the writes of their 10 s overlap that this page
    // has not seen (the seeding's, the bench room's), re-fetching the views once whichever the design: let the
    // first two pass before measuring.
    let last = std::cell::Cell::new(0);
    common::eventually("the change feed's first two polls", 2 * WAIT, || {
        let last = &last;
        async move {
            let script = "return performance.getEntriesByType('resource').filter(e => e.name.includes('/api/changes')).length >= 2;";
            let polled = browser.execute(script, vec![]).await.unwrap() == serde_json::json!(true);
            let (_, _, entries) = page_state(browser).await;
            (polled && entries == last.replace(entries)).then_some(())
        }
    })
    .await;
    let mut measured = Measured {
        times: Vec::new(),
        requests: Vec::new(),
    };
    for i in 0..WRITES {
        let day = monday.checked_add(((i / 8) as i64).days()).unwrap();
        let hour = 10 + i % 8;
        let message = format!(
            "Réserve le Bench Room le {:02}/{:02} de {hour}h à {}h pour Léa Martin",
            day.day(),
            day.month(),
            hour + 1
        );
        // The moment the calendar shows one more session, taken in the page.
        let watch = "window.__shownAt = null;
            const expected = document.querySelectorAll('.cal-session').length + 1;
            const observer = new MutationObserver(() => {
                if (document.querySelectorAll('.cal-session').length >= expected) {
                    window.__shownAt = performance.now();
                    observer.disconnect();
                }
            });
            observer.observe(document.body, { childList: true, subtree: true });
            return null;";
        browser.execute(watch, vec![]).await.unwrap();
        send_to_assistant(browser, &message).await;
        // Shown, and the network quiet for 300 ms after it (the reference's other re-fetches included).
        let last = std::cell::Cell::new(0);
        let shown_at = common::eventually(&format!("session {i} on the calendar"), WAIT, || {
            let last = &last;
            async move {
                let (shown_at, now, entries) = page_state(browser).await;
                let quiet = entries == last.replace(entries);
                shown_at.filter(|at| quiet && now - at > 300.0)
            }
        })
        .await;
        let data = requests(browser).await;
        let chat_end = data
            .iter()
            .filter(|(path, ..)| path == "/api/chat")
            .map(|(_, _, end)| *end)
            .fold(0.0, f64::max);
        let caused = data
            .iter()
            .filter(|(path, start, _)| *start >= chat_end && !path.starts_with("/api/chat"))
            .count();

        measured.times.push(shown_at - chat_end);
        measured.requests.push(caused);
    }
    measured
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let Some(stack) = start_stack().await else {
        panic!("the chat → screen bench needs STUDIO_TEST_WEBDRIVER and STUDIO_DIST");
    };
    let room = NewRoom {
        name: "Bench Room".into(),
        hourly_rate: Money(5000),
        ..NewRoom::default()
    };
    rooms::create(&stack.demo(), &room).await.unwrap();
    let browser = browser().await;
    browser.set_window_size(1280, 900).await.unwrap();
    let days = jiff::Timestamp::now().as_second().div_euclid(86_400);
    let today = jiff::civil::date(1970, 1, 1)
        .checked_add(days.days())
        .unwrap();
    let monday = |weeks: i64| {
        let ahead = today.checked_add((7 * weeks).days()).unwrap();
        ahead
            .checked_sub(i64::from(ahead.weekday().to_monday_zero_offset()).days())
            .unwrap()
    };
    let targeted = measure(&stack, &browser, monday(2), "").await;
    let everything = measure(&stack, &browser, monday(3), "&invalidate=all").await;
    browser.close().await.unwrap();
    println!(
        "figure\tchat → screen: the calendar of a week (4 views mounted: sessions, clients, rooms, settings), {WRITES} assistant bookings\t{}\tinvalidate everything: {}\tp95 {:.1} ms (goal ≤ 100); {:.2} requests per write (goal 1: the one affected view)",
        targeted.summary(),
        everything.summary(),
        targeted.percentile(95),
        targeted.requests_per_write(),
    );
}
