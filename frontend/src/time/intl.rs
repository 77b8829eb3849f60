//! The studio's zone through the browser's `Intl.DateTimeFormat`: the offset at an instant is the difference
//! between the wall-clock time the browser formats for that zone and the instant itself.

use jiff::{
    Timestamp,
    civil::DateTime,
    tz::{Offset, TimeZone},
};
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::Offsets;

pub struct IntlZone {
    name: String,
    format: JsValue,
}

impl IntlZone {
    /// `None` when the browser does not know `name`.
    pub fn new(name: &str) -> Option<Self> {
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let constructor: Function = Reflect::get(&intl, &"DateTimeFormat".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let options = Object::new();
        for (key, value) in [
            ("timeZone", name),
            ("hourCycle", "h23"),
            ("year", "numeric"),
            ("month", "numeric"),
            ("day", "numeric"),
            ("hour", "numeric"),
            ("minute", "numeric"),
            ("second", "numeric"),
        ] {
            Reflect::set(&options, &key.into(), &value.into()).ok()?;
        }
        let args = Array::of2(&"en-US".into(), &options);
        // A zone the browser does not know throws a RangeError, caught here.
        let format = Reflect::construct(&constructor, &args).ok()?;
        Some(Self {
            name: name.to_owned(),
            format,
        })
    }

    /// The wall-clock time of `at` in the zone.
    fn civil(&self, at: Timestamp) -> Option<DateTime> {
        let date = js_sys::Date::new(&JsValue::from_f64(at.as_millisecond() as f64));
        let to_parts: Function = Reflect::get(&self.format, &"formatToParts".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let parts: Array = to_parts.call1(&self.format, &date).ok()?.dyn_into().ok()?;
        let mut fields = [0i32; 6];
        for part in parts.iter() {
            let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
            let slot = ["year", "month", "day", "hour", "minute", "second"]
                .iter()
                .position(|k| *k == kind);
            if let Some(slot) = slot {
                let value = Reflect::get(&part, &"value".into()).ok()?.as_string()?;
                fields[slot] = value.parse().ok()?;
            }
        }
        let [year, month, day, hour, minute, second] = fields;
        let date = jiff::civil::Date::new(year as i16, month as i8, day as i8).ok()?;
        let time = jiff::civil::Time::new(hour as i8, minute as i8, second as i8, 0).ok()?;
        Some(date.to_datetime(time))
    }
}

impl Offsets for IntlZone {
    fn name(&self) -> &str {
        &self.name
    }

    fn offset_at(&self, at: Timestamp) -> Offset {
        let whole = at.as_second();
        let Some(civil) = self.civil(at) else {
            return Offset::UTC;
        };
        let Ok(as_utc) = civil.to_zoned_datetime(TimeZone::UTC) else {
            return Offset::UTC;
        };
        Offset::from_seconds((as_utc.timestamp().as_second() - whole) as i32).unwrap_or(Offset::UTC)
    }
}
