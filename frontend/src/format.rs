//! Every amount, number, date and time the SPA shows, in the interface's language, written by the browser's
//! `Intl` (its formatters built once per language and options, then kept): nothing here builds a date or an
//! amount by hand. Natively (unit tests) there is no `Intl`; the wire's plain forms stand in.

use jiff::{
    Timestamp,
    civil::{Date, Time},
    tz::Offset,
};
use studio_wire::{Locale, Money};

/// The BCP 47 tag the browser formats with: French of France, British English (day before month, 24-hour).
fn tag(locale: Locale) -> &'static str {
    studio_wire::pick(locale, "fr-FR", "en-GB")
}

/// "1 234,50 €", "€1,234.50" — in the studio's currency.
pub fn money(amount: Money, currency: &str, locale: Locale) -> String {
    let value = amount.cents() as f64 / 100.0;
    intl::number(
        tag(locale),
        &[("style", "currency"), ("currency", currency)],
        value,
    )
    .unwrap_or_else(|| amount.display(currency, locale))
}

/// "7,5", "7.5": `minutes` as hours, to the nearest tenth. (Rounded in integers: the fallback never formats a
/// float, which would bring the float printer into the wasm.)
pub fn hours(minutes: i64, locale: Locale) -> String {
    let tenths = (minutes * 10 + 30).div_euclid(60);
    intl::number(
        tag(locale),
        &[("maximumFractionDigits", "1")],
        tenths as f64 / 10.0,
    )
    .unwrap_or_else(|| match tenths % 10 {
        0 => (tenths / 10).to_string(),
        tenth => format!("{}.{}", tenths / 10, tenth.abs()),
    })
}

/// "27 nov. 2026", "27 Nov 2026": a day (no time zone involved).
pub fn date(day: Date, locale: Locale) -> String {
    civil(day, locale, &[("dateStyle", "medium")])
}

/// "jeu. 27/11", "Thu 27/11": a calendar column's heading.
pub fn weekday(day: Date, locale: Locale) -> String {
    civil(
        day,
        locale,
        &[
            ("weekday", "short"),
            ("day", "numeric"),
            ("month", "numeric"),
        ],
    )
}

/// "23/11", "23/11": a day of a week's range.
pub fn day_month(day: Date, locale: Locale) -> String {
    civil(day, locale, &[("day", "2-digit"), ("month", "2-digit")])
}

fn civil(day: Date, locale: Locale, options: &[(&str, &str)]) -> String {
    let options = [options, &[("timeZone", "UTC")]].concat();
    Offset::UTC
        .to_timestamp(day.to_datetime(Time::midnight()))
        .ok()
        .and_then(|at| intl::date_time(tag(locale), &options, at.as_millisecond() as f64))
        .unwrap_or_else(|| studio_wire::day::format(day))
}

/// "27 nov. 2026, 14:05" in the studio's time zone.
pub fn date_time(at: Timestamp, locale: Locale) -> String {
    let zone = crate::time::zone_name();
    let options = [
        ("dateStyle", "medium"),
        ("timeStyle", "short"),
        ("timeZone", zone.as_str()),
    ];
    intl::date_time(tag(locale), &options, at.as_millisecond() as f64)
        .unwrap_or_else(|| studio_wire::instant::format(at))
}

/// "07:00": an hour of the day, as the calendar's axis shows it.
pub fn hour(hour: i32, locale: Locale) -> String {
    let millis = f64::from(hour) * 3_600_000.0;
    intl::date_time(
        tag(locale),
        &[("timeStyle", "short"), ("timeZone", "UTC")],
        millis,
    )
    .unwrap_or_else(|| format!("{hour}h"))
}

/// A session's end beside its start: "13:00" on the same day, "28 nov. 2026, 02:00" past midnight.
pub fn end_time(start: Timestamp, end: Timestamp, locale: Locale) -> String {
    if crate::time::local(start).date() == crate::time::local(end).date() {
        clock(end, locale)
    } else {
        date_time(end, locale)
    }
}

/// "14:05" in the studio's time zone.
pub fn clock(at: Timestamp, locale: Locale) -> String {
    let zone = crate::time::zone_name();
    let options = [("timeStyle", "short"), ("timeZone", zone.as_str())];
    intl::date_time(tag(locale), &options, at.as_millisecond() as f64)
        .unwrap_or_else(|| studio_wire::instant::format(at))
}

#[cfg(target_arch = "wasm32")]
mod intl {
    use js_sys::{Array, Function, Map, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    thread_local! {
        /// Formatters by kind, language and options: building one costs more than formatting with it. A
        /// JavaScript `Map`, as what it keeps are JavaScript objects (a Rust map weighed more wasm).
        static MADE: Map = Map::new();
    }

    fn formatter(kind: &str, tag: &str, options: &[(&str, &str)]) -> Option<JsValue> {
        let mut key = format!("{kind}|{tag}");
        for (name, value) in options {
            key.extend(["|", name, "=", value]);
        }
        let key = JsValue::from(key);
        let made = MADE.with(|m| m.get(&key));
        if !made.is_undefined() {
            return Some(made);
        }
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let constructor: Function = Reflect::get(&intl, &kind.into()).ok()?.dyn_into().ok()?;
        let object = Object::new();
        for (name, value) in options {
            Reflect::set(&object, &(*name).into(), &(*value).into()).ok()?;
        }
        // An unknown currency or zone throws a RangeError, caught here.
        let made = Reflect::construct(&constructor, &Array::of2(&tag.into(), &object)).ok()?;
        MADE.with(|m| m.set(&key, &made));
        Some(made)
    }

    fn format(formatter: &JsValue, value: &JsValue) -> Option<String> {
        let format: Function = Reflect::get(formatter, &"format".into())
            .ok()?
            .dyn_into()
            .ok()?;
        format.call1(formatter, value).ok()?.as_string()
    }

    pub fn number(tag: &str, options: &[(&str, &str)], value: f64) -> Option<String> {
        format(&formatter("NumberFormat", tag, options)?, &value.into())
    }

    pub fn date_time(tag: &str, options: &[(&str, &str)], millis: f64) -> Option<String> {
        let date = js_sys::Date::new(&JsValue::from_f64(millis));
        format(&formatter("DateTimeFormat", tag, options)?, &date)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod intl {
    pub fn number(_: &str, _: &[(&str, &str)], _: f64) -> Option<String> {
        None
    }

    pub fn date_time(_: &str, _: &[(&str, &str)], _: f64) -> Option<String> {
        None
    }
}

#[cfg(test)]
mod tests {
    use studio_wire::Locale;

    #[test]
    fn hours_are_rounded_to_the_nearest_tenth() {
        let hours = |minutes| super::hours(minutes, Locale::En);
        assert_eq!(hours(0), "0");
        assert_eq!(hours(60), "1");
        assert_eq!(hours(90), "1.5");
        assert_eq!(hours(95), "1.6");
        assert_eq!(hours(92), "1.5");
        assert_eq!(hours(600), "10");
    }
}
