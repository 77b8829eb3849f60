//! The project form, for creating (with its client) and editing (its client stays: a project's invoices and
//! sessions are that client's).

use studio_wire::{NewProject, Project, ProjectKind, ProjectPatch};
use yew::prelude::*;

use super::{FormProps, changed, edit, field, form_shell, input, optional, use_form};
use crate::{
    components::{
        ClientPicker,
        choices::{Choice, options},
    },
    i18n::use_texts,
};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectFormValues {
    /// The client picked for a new project; `None` when editing one.
    pub client: Option<String>,
    pub name: String,
    pub artist: String,
    pub kind: ProjectKind,
    pub notes: String,
}

impl From<&Project> for ProjectFormValues {
    fn from(project: &Project) -> Self {
        Self {
            client: None,
            name: project.name.clone(),
            artist: project.artist.clone().unwrap_or_default(),
            kind: project.kind,
            notes: project.notes.clone().unwrap_or_default(),
        }
    }
}

impl ProjectFormValues {
    /// A new project's empty form, with its client to pick.
    pub fn new_project() -> Self {
        Self {
            client: Some(String::new()),
            ..Self::default()
        }
    }

    pub fn to_new(&self) -> NewProject {
        NewProject {
            client_id: self.client.clone().unwrap_or_default(),
            name: self.name.clone(),
            artist: optional(&self.artist),
            kind: self.kind,
            notes: optional(&self.notes),
            ..NewProject::default()
        }
    }

    /// Only what the editor changed; an emptied field is sent as "" to clear it.
    pub fn to_patch(&self, project: &Project) -> ProjectPatch {
        let before = Self::from(project);
        ProjectPatch {
            version: project.version,
            name: changed(&before.name, &self.name),
            artist: changed(&before.artist, &self.artist),
            kind: (before.kind != self.kind).then_some(self.kind),
            notes: changed(&before.notes, &self.notes),
            ..ProjectPatch::default()
        }
    }
}

#[function_component]
pub fn ProjectForm(props: &FormProps<ProjectFormValues>) -> Html {
    let texts = use_texts();
    let b = texts.billing;
    let (values, submit) = use_form(props);
    let error = props.error.clone();
    form_shell(
        texts,
        props.shell("project-form", submit),
        html! { <>
            if let Some(client) = &values.client {
                { field(texts.col_client, "client_id", &error, html! {
                    <ClientPicker selected={client.clone()} onchange={edit(&values, |v, s| v.client = Some(s))}
                        label={texts.col_client} none={texts.choose} required=true />
                }) }
            }
            { field(texts.col_name, "name", &error, html! {
                <input name="name" value={values.name.clone()} oninput={edit(&values, |v, s| v.name = s)} required=true maxlength="200" />
            }) }
            { input(b.col_artist, "artist", "text", &values.artist, edit(&values, |v, s| v.artist = s), &error) }
            { field(texts.col_kind, "kind", &error, html! {
                <select name="kind" onchange={edit(&values, |v, s| v.kind = ProjectKind::from_value(&s).unwrap_or_default())}>
                    { options(texts, values.kind) }
                </select>
            }) }
            { field(texts.col_notes, "notes", &error, html! {
                <textarea name="notes" value={values.notes.clone()} oninput={edit(&values, |v, s| v.notes = s)} />
            }) }
        </> },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        serde_json::from_value(serde_json::json!({
            "id": "p1", "client_id": "c1", "name": "Album", "artist": "Nina", "kind": "album",
            "status": "recording", "tracks": [], "created_at": "2026-11-01T10:00:00Z",
            "updated_at": "2026-11-01T10:00:00Z", "version": 4
        }))
        .unwrap()
    }

    #[test]
    fn an_edit_sends_only_what_changed_and_clears_an_emptied_artist() {
        let project = project();
        let mut values = ProjectFormValues::from(&project);
        assert_eq!(values.client, None, "an edited project keeps its client");
        values.artist.clear();
        values.notes = "Mix en janvier".into();
        let patch = values.to_patch(&project);
        assert_eq!(patch.version, 4);
        assert_eq!(patch.name, None);
        assert_eq!(patch.artist.as_deref(), Some(""));
        assert_eq!(patch.notes.as_deref(), Some("Mix en janvier"));
        assert_eq!(patch.kind, None);
    }

    #[test]
    fn a_new_project_carries_its_client_and_leaves_empty_texts_out() {
        let mut values = ProjectFormValues::new_project();
        values.client = Some("c1".into());
        values.name = "EP".into();
        let new = values.to_new();
        assert_eq!((new.client_id.as_str(), new.name.as_str()), ("c1", "EP"));
        assert_eq!((new.artist, new.notes), (None, None));
    }
}
