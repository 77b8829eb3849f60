//! An answer to the assistant's question. When the last tool call of the turn before found several candidates
//! ("2 sessions match …: which one?"), the person's reply names one — by its day and time ("demain 10h"), its
//! title, or its rank ("la deuxième") — and the same call is made again with that one. A reply that names none,
//! or more than one, is not taken as a choice: nothing is guessed.

use jiff::civil::{Date, DateTime};
use serde_json::Value;

use super::text::folded;
use crate::{model::Message, when};

/// The tool call that completes the previous turn, if `messages` (ending with the person's reply) answer its
/// question.
pub fn answer(messages: &[Message], today: Date) -> Option<(String, Value)> {
    let (reply, before) = messages.split_last()?;
    let Message::User { content: reply } = reply else {
        return None;
    };
    // The last tool result, and the call it answers: a question stays open through replies the assistant did
    // not act on ("bonjour"), and closes once another tool ran.
    let (call_id, result) = before.iter().rev().find_map(|m| match m {
        Message::Tool {
            call_id, content, ..
        } => Some((call_id, content)),
        _ => None,
    })?;
    let result: Value = serde_json::from_str(result).ok()?;
    let error = result.get("error")?;
    if error.get("code")? != "ambiguous" {
        return None;
    }
    let candidates = error.get("candidates")?.as_array()?;
    let call = before.iter().rev().find_map(|m| match m {
        Message::Assistant { tool_calls, .. } => tool_calls.iter().find(|c| &c.id == call_id),
        _ => None,
    })?;
    let chosen = &candidates[choose(reply, candidates, today)?];
    let id = chosen.get("id")?.clone();
    let mut arguments = call.arguments.clone();
    if chosen.get("local_start").is_some() {
        // A session is named by its id.
        arguments["session"] = id;
    } else {
        // Whatever argument named the ambiguous reference now names the one chosen.
        let reference = error.get("reference")?;
        let named = arguments
            .as_object_mut()?
            .values_mut()
            .find(|v| *v == reference)?;
        *named = id;
    }
    Some((call.name.clone(), arguments))
}

/// The one candidate the reply names, by rank, by day and time, or by title or name.
fn choose(reply: &str, candidates: &[Value], today: Date) -> Option<usize> {
    let words: Vec<String> = reply
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(folded)
        .collect();
    let said = |options: &[&str]| words.iter().any(|w| options.contains(&w.as_str()));
    let rank = if said(&["premier", "premiere", "1re", "1er", "first", "1"]) {
        Some(0)
    } else if said(&["deuxieme", "seconde", "second", "2e", "2"]) {
        Some(1)
    } else if said(&["troisieme", "third", "3e", "3"]) {
        Some(2)
    } else if said(&["dernier", "derniere", "last"]) {
        candidates.len().checked_sub(1)
    } else {
        None
    };
    if let Some(rank) = rank {
        return (rank < candidates.len()).then_some(rank);
    }
    let only = |matching: Vec<usize>| (matching.len() == 1).then(|| matching[0]);
    let when = when::parse(reply, today);
    if when.date.is_some() || when.time.is_some() {
        let starts = |c: &Value| {
            c.get("local_start")
                .and_then(Value::as_str)
                .and_then(|s| s.parse::<DateTime>().ok())
        };
        return only(
            (0..candidates.len())
                .filter(|&i| {
                    starts(&candidates[i]).is_some_and(|start| {
                        when.date.is_none_or(|d| d == start.date())
                            && when.time.is_none_or(|t| {
                                (t.hour(), t.minute()) == (start.hour(), start.minute())
                            })
                    })
                })
                .collect(),
        );
    }
    let reply = folded(reply);
    only(
        (0..candidates.len())
            .filter(|&i| {
                ["title", "name"].iter().any(|field| {
                    candidates[i]
                        .get(field)
                        .and_then(Value::as_str)
                        .map(folded)
                        .is_some_and(|name| name.chars().count() >= 3 && reply.contains(&name))
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::ToolCall;

    fn today() -> Date {
        Date::new(2026, 11, 26).unwrap()
    }

    /// A turn whose move found two of Léa's sessions, then the person's `reply`.
    fn asked(reply: &str) -> Vec<Message> {
        let candidates = json!([
            {"id": "S1", "title": "Voix — album", "local_start": "2026-11-27T10:00", "label": "…"},
            {"id": "S2", "title": "Mix EP", "local_start": "2026-12-15T09:00", "label": "…"},
        ]);
        vec![
            Message::User {
                content: "Déplace la session de Léa Martin à 16h".into(),
            },
            Message::Assistant {
                content: None,
                tool_calls: vec![ToolCall {
                    id: "call_1".into(),
                    name: "move_session".into(),
                    arguments: json!({"client": "Léa Martin", "start": "16:00"}),
                }],
            },
            Message::Tool {
                call_id: "call_1".into(),
                name: "move_session".into(),
                content: json!({"ok": false, "summary": "2 sessions …", "error": {
                    "code": "ambiguous", "reference": "Léa Martin", "candidates": candidates}})
                .to_string(),
            },
            Message::Assistant {
                content: Some("2 sessions … Laquelle ?".into()),
                tool_calls: vec![],
            },
            Message::User {
                content: reply.into(),
            },
        ]
    }

    fn moved(session: &str) -> Option<(String, Value)> {
        Some((
            "move_session".into(),
            json!({"client": "Léa Martin", "start": "16:00", "session": session}),
        ))
    }

    #[test]
    fn the_reply_names_one_session_by_day_time_title_or_rank() {
        for (reply, session) in [
            ("celle de demain", "S1"),
            ("demain 10h", "S1"),
            ("le 15/12", "S2"),
            ("the one on Dec 15th at 9am", "S2"),
            ("Mix EP", "S2"),
            ("la deuxième", "S2"),
            ("the first one", "S1"),
            ("à 9h", "S2"),
        ] {
            assert_eq!(answer(&asked(reply), today()), moved(session), "{reply}");
        }
    }

    #[test]
    fn a_reply_that_names_none_or_both_is_no_choice() {
        for reply in [
            "à 11h",
            "demain 9h",
            "les deux",
            "bonjour",
            "la cinquième",
            "3",
        ] {
            assert_eq!(answer(&asked(reply), today()), None, "{reply}");
        }
    }

    #[test]
    fn a_question_stays_open_through_unclear_replies_and_closes_when_another_tool_ran() {
        let mut messages = asked("demain");
        let unclear = [
            Message::User {
                content: "bonjour".into(),
            },
            Message::Assistant {
                content: Some("Je n'ai pas compris.".into()),
                tool_calls: vec![],
            },
        ];
        messages.splice(4..4, unclear);
        assert_eq!(answer(&messages, today()), moved("S1"));
        let other = [
            Message::User {
                content: "Combien de clients ?".into(),
            },
            Message::Assistant {
                content: None,
                tool_calls: vec![ToolCall {
                    id: "call_1".into(),
                    name: "count_clients".into(),
                    arguments: json!({}),
                }],
            },
            Message::Tool {
                call_id: "call_1".into(),
                name: "count_clients".into(),
                content: json!({"ok": true, "summary": "4 clients."}).to_string(),
            },
        ];
        let at = messages.len() - 1;
        messages.splice(at..at, other);
        assert_eq!(answer(&messages, today()), None);
    }
}
