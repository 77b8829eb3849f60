//! Project sentences: create a project for a client, add a track, move a track or a project to a stage —
//! the project tools. Projects are named by name, tracks by number or title.

use jiff::civil::Date;
use studio_wire::{ProjectKind, ProjectStatus, TrackStatus};

use super::{
    Intent,
    clients::CREATE_VERBS,
    text::{Text, folded, name_at},
};

const TRACK_NOUNS: &[&str] = &["morceau", "piste", "track"];
const PROJECT_NOUNS: &[&str] = &["projet", "project"];
/// Words that end a project's or a track's name.
const STOP: &[&str] = &[
    "en", "au", "a", "à", "to", "into", "in", "pour", "for", "de", "du", "of",
];

/// A word folded, without a leading "l'" ("l'EP" → "ep").
fn bare(word: &str) -> String {
    let word = folded(word);
    word.strip_prefix("l'")
        .or_else(|| word.strip_prefix("l’"))
        .map_or(word.clone(), str::to_owned)
}

fn kind(word: &str) -> Option<ProjectKind> {
    Some(match bare(word).as_str() {
        "album" => ProjectKind::Album,
        "ep" => ProjectKind::Ep,
        "single" => ProjectKind::Single,
        "demo" | "maquette" => ProjectKind::Demo,
        "bo" | "soundtrack" => ProjectKind::Soundtrack,
        "podcast" => ProjectKind::Podcast,
        _ => return None,
    })
}

fn track_status(word: &str) -> Option<TrackStatus> {
    Some(match folded(word).as_str() {
        "enregistrement" | "recording" => TrackStatus::Recording,
        "montage" | "editing" => TrackStatus::Editing,
        "mixage" | "mixing" | "mix" => TrackStatus::Mixing,
        "mastering" => TrackStatus::Mastering,
        "termine" | "fini" | "completed" | "done" => TrackStatus::Completed,
        _ => return None,
    })
}

fn project_status(word: &str) -> Option<ProjectStatus> {
    Some(match folded(word).as_str() {
        "pre-production" | "preproduction" | "pre-prod" => ProjectStatus::PreProduction,
        "livre" | "delivered" => ProjectStatus::Delivered,
        "archive" | "archived" => ProjectStatus::Archived,
        other => match track_status(other)? {
            TrackStatus::Recording => ProjectStatus::Recording,
            TrackStatus::Editing => ProjectStatus::Editing,
            TrackStatus::Mixing => ProjectStatus::Mixing,
            TrackStatus::Mastering => ProjectStatus::Mastering,
            TrackStatus::Completed => ProjectStatus::Completed,
        },
    })
}

/// The words from `from` up to a stop word (in lower case only, so names keep their capitals).
fn name_until(words: &[String], from: usize) -> Option<String> {
    let end = (from..words.len())
        .find(|&i| {
            STOP.contains(&folded(&words[i]).as_str()) && !words[i].starts_with(char::is_uppercase)
        })
        .unwrap_or(words.len());
    (end > from).then(|| words[from..end].join(" "))
}

/// The project named after `of` ("de", "du", "of", "à", "au", "to"), "projet" skipped.
fn project_after(text: &Text, at: usize) -> Option<String> {
    let mut from = at + 1;
    if text
        .words
        .get(from)
        .is_some_and(|w| PROJECT_NOUNS.contains(&bare(w).as_str()))
    {
        from += 1;
    }
    name_until(&text.words, from)
}

/// The stage a sentence moves something to: a stage word right after "en", "au", "to", "into" or "in".
fn stage<T>(words: &[String], read: fn(&str) -> Option<T>) -> Option<T> {
    words.windows(2).find_map(|pair| {
        ["en", "au", "to", "into", "in"]
            .contains(&folded(&pair[0]).as_str())
            .then(|| read(&pair[1]))?
    })
}

/// "Passe le morceau 2 de Lumières en mixage", "Move track 2 of Lumières to mixing".
pub fn track_stage(text: &Text, _: Date) -> Option<Intent> {
    let noun = text.position(TRACK_NOUNS)?;
    let status = stage(&text.words[noun + 1..], track_status)?;
    let track = name_until(&text.words, noun + 1)?;
    let of = noun + 1 + track.split(' ').count();
    if !["de", "du", "of"].contains(&folded(text.words.get(of)?).as_str()) {
        return None;
    }
    let project = project_after(text, of)?;
    Some(Intent::TrackStage {
        project,
        track,
        status,
    })
}

/// "Ajoute le morceau Minuit à Lumières", "Add the track Minuit to Lumières".
pub fn add_track(text: &Text, _: Date) -> Option<Intent> {
    if !text.has(CREATE_VERBS) {
        return None;
    }
    let noun = text.position(TRACK_NOUNS)?;
    let title = name_until(&text.words, noun + 1)?;
    let to = noun + 1 + title.split(' ').count();
    if !["a", "au", "to"].contains(&folded(text.words.get(to)?).as_str()) {
        return None;
    }
    Some(Intent::AddTrack {
        project: project_after(text, to)?,
        title,
    })
}

/// "Crée le projet Nuits blanches pour Léa Martin", "Create the album Nuits blanches for Lea Martin".
pub fn create(text: &Text, today: Date) -> Option<Intent> {
    if !text.has(CREATE_VERBS) {
        return None;
    }
    let noun = text
        .words
        .iter()
        .position(|w| PROJECT_NOUNS.contains(&bare(w).as_str()) || kind(w).is_some())?;
    let name = name_until(&text.words, noun + 1)?;
    let for_at = noun + 1 + name.split(' ').count();
    if !["pour", "for"].contains(&folded(text.words.get(for_at)?).as_str()) {
        return None;
    }
    Some(Intent::CreateProject {
        client: name_at(&text.words, for_at + 1, &[], today)?,
        name,
        kind: kind(&text.words[noun]),
    })
}

/// "Passe le projet Lumières en mastering", "Move the project Lumières to mastering".
pub fn project_stage(text: &Text, _: Date) -> Option<Intent> {
    let noun = text.position(PROJECT_NOUNS)?;
    let status = stage(&text.words[noun + 1..], project_status)?;
    Some(Intent::ProjectStage {
        project: name_until(&text.words, noun + 1)?,
        status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::parse;

    fn plan(sentence: &str) -> Option<Intent> {
        parse(sentence, Date::new(2026, 11, 26).unwrap())
    }

    #[test]
    fn a_track_moves_to_a_stage_named_by_number_or_title() {
        let expected = |track: &str| {
            Some(Intent::TrackStage {
                project: "Lumières".into(),
                track: track.into(),
                status: TrackStatus::Mixing,
            })
        };
        assert_eq!(
            plan("Passe le morceau 2 de Lumières en mixage"),
            expected("2")
        );
        assert_eq!(plan("Move track 2 of Lumières to mixing"), expected("2"));
        assert_eq!(
            plan("Mets la piste « Rue Oberkampf » du projet Lumières en mixage"),
            expected("Rue Oberkampf")
        );
    }

    #[test]
    fn a_project_moves_to_a_stage() {
        let expected = Some(Intent::ProjectStage {
            project: "Lumières".into(),
            status: ProjectStatus::Mastering,
        });
        assert_eq!(plan("Passe le projet Lumières en mastering"), expected);
        assert_eq!(plan("Move the project Lumières to mastering"), expected);
        assert_eq!(
            plan("Passe le projet Lumières en pré-production"),
            Some(Intent::ProjectStage {
                project: "Lumières".into(),
                status: ProjectStatus::PreProduction,
            })
        );
    }

    #[test]
    fn a_project_is_created_for_a_client_with_its_kind() {
        assert_eq!(
            plan("Crée l'EP Nuits blanches pour Léa Martin"),
            Some(Intent::CreateProject {
                client: "Léa Martin".into(),
                name: "Nuits blanches".into(),
                kind: Some(ProjectKind::Ep),
            })
        );
        assert_eq!(
            plan("Create the project Night Shift for Blue Harbor Records"),
            Some(Intent::CreateProject {
                client: "Blue Harbor Records".into(),
                name: "Night Shift".into(),
                kind: None,
            })
        );
    }

    #[test]
    fn a_track_is_added_to_a_project() {
        let expected = Some(Intent::AddTrack {
            project: "Lumières".into(),
            title: "Minuit".into(),
        });
        assert_eq!(plan("Ajoute le morceau Minuit à Lumières"), expected);
        assert_eq!(
            plan("Ajoute le morceau Minuit au projet Lumières"),
            expected
        );
        assert_eq!(plan("Add the track Minuit to Lumières"), expected);
    }

    #[test]
    fn a_sentence_without_a_stage_is_not_a_stage_change() {
        assert_eq!(plan("Passe le projet Lumières demain"), None);
        let booking =
            plan("Book Studio A tomorrow from 2pm to 6pm for recording on project Lumières");
        assert!(
            !matches!(booking, Some(Intent::ProjectStage { .. })),
            "a stage word not right after en/to is no stage change: {booking:?}"
        );
    }
}
