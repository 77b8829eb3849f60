//! The planner's one reading of a sentence: the text folded char for char (the domain's `fold_char`: lower
//! case, no accents) for matching keywords, the original for cutting names and emails out with their case and
//! accents, and the same sentence as words for the rules that go word by word.

use jiff::civil::{Date, Time};
use studio_domain::text::fold_char;

use crate::when;

/// The sentence twice, char for char: as typed, and folded for matching.
pub struct Text {
    original: Vec<char>,
    folded: Vec<char>,
    /// The words of the sentence (see [`words`]).
    pub words: Vec<String>,
}

/// The sentence without the courtesies around a request ("tu peux …", "… s'il te plaît", "please …"): they carry
/// no meaning and would otherwise end up in a name.
fn without_politeness(raw: &str) -> String {
    const AROUND: [&str; 9] = [
        "s'il te plait",
        "s'il vous plait",
        "stp",
        "svp",
        "please",
        "merci",
        "thanks",
        "thank you",
        "pls",
    ];
    let mut text: Vec<char> = raw.trim().chars().collect();
    let lower = |t: &[char]| -> String { t.iter().map(|&c| fold_char(c)).collect() };
    loop {
        let trimmed = text
            .iter()
            .rposition(|c| !" ,.!?;".contains(*c))
            .map_or(0, |i| i + 1);
        let folded = lower(&text[..trimmed]);
        match AROUND
            .iter()
            .find(|p| folded.ends_with(&format!(" {p}")) || folded.ends_with(&format!(",{p}")))
        {
            Some(p) => text.truncate(trimmed - p.chars().count()),
            None => break,
        }
    }
    let folded = lower(&text);
    if let Some(p) = AROUND.iter().find(|p| folded.starts_with(&format!("{p} "))) {
        text.drain(..p.chars().count());
    }
    text.into_iter().collect()
}

/// A word folded the way sentences are.
pub fn folded(word: &str) -> String {
    word.chars().map(fold_char).collect()
}

/// Words of the sentence, trimmed of punctuation, with "10h-12h" split in two.
fn words(sentence: &str) -> Vec<String> {
    sentence
        .split_whitespace()
        .flat_map(|w| match w.split_once('-') {
            Some((a, b)) if is_time(a) && is_time(b) => vec![a.to_owned(), b.to_owned()],
            _ => vec![w.to_owned()],
        })
        .map(|w| w.trim_matches(|c: char| ",.;!?«»\"".contains(c)).to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

pub fn is_time(word: &str) -> bool {
    when::time_of(word).is_some()
}

pub fn is_date(word: &str, today: Date) -> bool {
    when::parse(word, today).date.is_some()
}

/// Trimmed of spaces, quotes and punctuation; `None` when nothing is left.
pub fn clean(raw: &str) -> Option<String> {
    let value = raw
        .trim()
        .trim_matches(|c: char| c.is_whitespace() || "\"'«»“”.,;:!?".contains(c))
        .trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// Articles and possessives skipped before a name.
pub const ARTICLES: &[&str] = &[
    "le", "la", "l'", "les", "the", "a", "un", "une", "mon", "notre", "my", "our",
];

impl Text {
    pub fn new(raw: &str) -> Self {
        let raw = &without_politeness(raw);
        // Padding with spaces lets every keyword be matched as " word ".
        let original: Vec<char> = format!(" {} ", raw.trim()).chars().collect();
        let folded = original.iter().map(|&c| fold_char(c)).collect();
        Self {
            original,
            folded,
            words: words(raw),
        }
    }

    /// Char index of the first `pattern` (folded) at or after `from`.
    fn find(&self, pattern: &str, from: usize) -> Option<usize> {
        let pattern: Vec<char> = pattern.chars().collect();
        (from..=self.folded.len().saturating_sub(pattern.len()))
            .find(|&i| self.folded[i..].starts_with(&pattern))
    }

    /// The first of `patterns` found at or after `from`: (start, end).
    pub fn find_any(&self, patterns: &[&str], from: usize) -> Option<(usize, usize)> {
        patterns
            .iter()
            .filter_map(|p| {
                self.find(p, from)
                    .map(|start| (start, start + p.chars().count()))
            })
            .min_by_key(|&(start, end)| (start, usize::MAX - end))
    }

    pub fn has(&self, patterns: &[&str]) -> bool {
        self.find_any(patterns, 0).is_some()
    }

    pub fn slice(&self, start: usize, end: usize) -> String {
        self.original[start..end.min(self.original.len())]
            .iter()
            .collect()
    }

    /// The value that follows a marker: up to the next connector, trimmed of quotes and punctuation.
    pub fn value_after(&self, start: usize, stops: &[&str]) -> Option<String> {
        let end = self
            .find_any(stops, start)
            .map_or(self.original.len(), |(s, _)| s);
        clean(&self.slice(start, end))
    }

    /// The first word holding an `@`.
    pub fn email(&self) -> Option<String> {
        self.words
            .iter()
            .find(|w| w.contains('@'))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
    }

    /// The first amount typed ("300", "120,50", "55€"), as typed, without its currency sign.
    pub fn amount(&self) -> Option<String> {
        self.words.iter().find_map(|w| {
            let looks =
                w.chars().any(|c| c.is_ascii_digit()) && !w.contains('-') && !w.contains(':');
            let bare = w.trim_end_matches(['€', '$', '£']);
            (looks && studio_wire::Money::parse(bare).is_ok()).then(|| bare.to_owned())
        })
    }

    /// Index of the first word that is one of `targets` (folded).
    pub fn position(&self, targets: &[&str]) -> Option<usize> {
        self.words
            .iter()
            .position(|w| targets.contains(&folded(w).as_str()))
    }

    /// Where the last of the `targets` words is.
    pub fn last_position(&self, targets: &[&str]) -> Option<usize> {
        self.words
            .iter()
            .rposition(|w| targets.contains(&folded(w).as_str()))
    }

    /// The times the sentence names, in order.
    pub fn times(&self) -> Vec<Time> {
        times(&self.words)
    }
}

pub fn times(words: &[String]) -> Vec<Time> {
    words.iter().filter_map(|w| when::time_of(w)).collect()
}

/// The name that starts at word `from`: articles skipped, up to a `stops` word (in lower case only, so
/// "Studio A" keeps its "A"), a date or a time.
pub fn name_at(words: &[String], from: usize, stops: &[&str], today: Date) -> Option<String> {
    let mut i = from;
    while i < words.len() && ARTICLES.contains(&folded(&words[i]).as_str()) {
        i += 1;
    }
    let mut name = Vec::new();
    while i < words.len() {
        let w = &words[i];
        let stop =
            stops.contains(&folded(w).as_str()) && w.starts_with(|c: char| !c.is_uppercase());
        if (!name.is_empty() && stop) || is_time(w) || (!name.is_empty() && is_date(w, today)) {
            break;
        }
        name.push(w.as_str());
        i += 1;
    }
    // "Studio A Dec 15th": a month and its day said after the name are not part of it.
    if name.len() > 2 {
        let tail = name[name.len() - 2..].join(" ");
        let month = name[name.len() - 2..]
            .iter()
            .any(|w| when::month_of(w).is_some());
        if month && when::parse(&tail, today).date.is_some() {
            name.truncate(name.len() - 2);
        }
    }
    (!name.is_empty()).then(|| name.join(" "))
}

/// "2026-11-27T14:00".
pub fn iso(date: Date, time: Time) -> String {
    format!("{date}T{:02}:{:02}", time.hour(), time.minute())
}

/// "14:00".
pub fn hhmm(time: Time) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}
