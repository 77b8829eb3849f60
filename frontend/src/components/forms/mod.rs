//! One form per resource, for creating and editing alike (`XFormValues` + `XForm`), and the pieces they are
//! made of: values bound to controls, a labelled field that shows its error in the interface's language, the
//! form shell (general error, submit, cancel), and `use_submit`, the one way a form writes through the
//! resource store.

mod client;
mod equipment;
mod lines;
mod project;
mod room;
mod session;
mod settings;

pub use client::{ClientForm, ClientFormValues};
pub use equipment::{EquipmentForm, EquipmentFormValues};
pub use lines::{LinesForm, LinesFormValues};
pub use project::{ProjectForm, ProjectFormValues};
pub use room::{RoomForm, RoomFormValues};
use serde::Serialize;
pub use session::{SessionForm, SessionFormValues};
pub use settings::{SettingsForm, SettingsFormValues};
use studio_wire::{FieldProblem, Money, Problem, messages};
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::{
    api::{ApiError, Method},
    i18n::{Texts, error_message},
    store::use_resource_store,
};

/// The value of the control an event comes from (input, select or textarea).
pub fn control_value(event: &web_sys::Event) -> String {
    event
        .target()
        .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("value")).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn control_checked(event: &web_sys::Event) -> bool {
    event
        .target()
        .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("checked")).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// A callback (`oninput`, `onchange`) that writes the control's value into `values` with `update`.
pub fn edit<V, E>(values: &UseStateHandle<V>, update: fn(&mut V, String)) -> Callback<E>
where
    V: Clone + 'static,
    E: AsRef<web_sys::Event> + 'static,
{
    let values = values.clone();
    Callback::from(move |e: E| {
        let mut next = (*values).clone();
        update(&mut next, control_value(e.as_ref()));
        values.set(next);
    })
}

/// A callback setting a flag: Edit opens a form, Cancel closes it. One function in the wasm for every such
/// button, where a closure written at each was a function, a vtable and a drop of its own.
pub fn set_flag<E: 'static>(flag: &UseStateHandle<bool>, value: bool) -> Callback<E> {
    let flag = flag.clone();
    Callback::from(move |_| flag.set(value))
}

/// A callback turning a flag over: "New …" opens its form, or closes it.
pub fn toggle(flag: &UseStateHandle<bool>) -> Callback<MouseEvent> {
    let flag = flag.clone();
    Callback::from(move |_| flag.set(!*flag))
}

/// `onchange` of a checkbox.
pub fn edit_checked<V: Clone + 'static>(
    values: &UseStateHandle<V>,
    update: fn(&mut V, bool),
) -> Callback<Event> {
    let values = values.clone();
    Callback::from(move |e: Event| {
        let mut next = (*values).clone();
        update(&mut next, control_checked(&e));
        values.set(next);
    })
}

/// A refusal found before sending, worded as the API words its own, in the interface's language: each field's
/// problem, in the form's order.
pub fn refused(problems: Vec<(String, FieldProblem)>) -> ApiError {
    let locale = crate::api::language();
    let fields: Vec<(String, String)> = problems
        .iter()
        .map(|(f, p)| (f.clone(), messages::field_problem(f, p, locale)))
        .collect();
    ApiError::Http {
        status: 422,
        code: Problem::Validation {
            problems: Default::default(),
        }
        .code()
        .to_owned(),
        message: messages::joined(fields.iter().map(|(_, sentence)| sentence.as_str())),
        fields,
    }
}

/// A refusal of one field, found before sending.
pub fn refused_field(field: &str, problem: FieldProblem) -> ApiError {
    refused(vec![(field.to_owned(), problem)])
}

/// A percentage as typed ("20", "5,5") in hundredths of a percent (2000, 550), read as an amount is.
pub fn percent(raw: &str) -> Result<u32, FieldProblem> {
    Money::parse(raw)
        .ok()
        .and_then(|m| u32::try_from(m.cents()).ok())
        .ok_or_else(|| FieldProblem::NotANumber {
            value: raw.trim().to_owned(),
        })
}

/// An optional text: `None` when blank.
pub fn optional(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// A labelled control with its error under it, in the interface's language. (A function, not a component:
/// forms have dozens of fields, and each component use costs the wasm more than a call.)
pub fn field(
    label: &'static str,
    name: &'static str,
    error: &Option<ApiError>,
    control: Html,
) -> Html {
    let message = error.as_ref().and_then(|e| e.field(name));
    html! {
        <label>
            { label }
            { control }
            if let Some(message) = message {
                <span class="field-error">{ message }</span>
            }
        </label>
    }
}

/// A labelled `<input>` bound to `value`: `kind` is its `type` ("text", "email", "date", "time", "color"), or
/// "decimal" / "numeric" for a text typed on a phone's number keypad. (The common case of `field`, written once.)
#[inline(never)]
pub fn input(
    label: &'static str,
    name: &'static str,
    kind: &'static str,
    value: &str,
    oninput: Callback<InputEvent>,
    error: &Option<ApiError>,
) -> Html {
    let (kind, inputmode) = match kind {
        "decimal" | "numeric" => ("text", Some(kind)),
        _ => (kind, None),
    };
    field(
        label,
        name,
        error,
        html! { <input {name} type={kind} {inputmode} value={value.to_owned()} {oninput} /> },
    )
}

/// `<option>`s to pick one of `items` (id, name) — `none` first ("Choose…", "All clients") — `selected` selected.
pub fn pick_one(none: &'static str, items: Vec<(String, String)>, selected: &str) -> Html {
    html! {
        <>
            <option value="" selected={selected.is_empty()}>{ none }</option>
            { for items.into_iter().map(|(id, name)| html! { <option value={id.clone()} selected={id == selected}>{ name }</option> }) }
        </>
    }
}

/// The error not tied to a field (a conflict, a booking in the way, the network).
pub fn general_error(texts: &Texts, error: &Option<ApiError>) -> Html {
    match error {
        Some(e) if !e.has_fields() => html! { <p class="error">{ error_message(texts, e) }</p> },
        _ => html! {},
    }
}

/// What a form has besides its fields.
pub struct Shell {
    pub class: &'static str,
    pub submit_label: &'static str,
    pub busy: bool,
    pub error: Option<ApiError>,
    pub on_submit: Callback<()>,
    pub on_cancel: Option<Callback<()>>,
}

/// A form: its `fields`, the error not tied to one, and the submit and cancel buttons. A function, not a
/// component (it has no state of its own; each component weighs ≈ 1 KB of wasm).
pub fn form_shell(texts: &Texts, shell: Shell, fields: Html) -> Html {
    let on_submit = shell.on_submit;
    let onsubmit = Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        on_submit.emit(());
    });
    html! {
        <form CLASS={format!("entity-form {}", shell.class)} {onsubmit}>
            { fields }
            { general_error(texts, &shell.error) }
            <div class="actions">
                <button type="submit" class="primary" disabled={shell.busy}>{ shell.submit_label }</button>
                if let Some(cancel) = shell.on_cancel {
                    <button type="button" onclick={move |_| cancel.emit(())}>{ texts.cancel }</button>
                }
            </div>
        </form>
    }
}

/// A text field's value for a patch: the edited one if it differs from the entity's, else nothing to send (an
/// emptied field is sent as "" and clears it).
pub fn changed(before: &str, after: &str) -> Option<String> {
    (before != after).then(|| after.to_owned())
}

/// A form's way to write: busy while in flight, the refusal to show, what went well, and the resource store's
/// `mutate` (so the response's invalidations reach every view).
#[derive(Clone, PartialEq)]
pub struct Submit {
    pub busy: UseStateHandle<bool>,
    pub error: UseStateHandle<Option<ApiError>>,
    notice: UseStateHandle<Option<&'static str>>,
    store: crate::store::ResourceStore,
}

impl Submit {
    /// Says that a write went well ("Créé", "Enregistré"), until the next write starts.
    pub fn say(&self, what: &'static str) {
        self.notice.set(Some(what));
    }

    /// The notice of the last write, if it went well (announced by screen readers).
    pub fn notice(&self) -> Html {
        match *self.notice {
            Some(message) => html! { <p class="notice" role="status">{ message }</p> },
            None => Html::default(),
        }
    }

    /// Sends `body` (or shows the refusal found before sending); `done` gets the saved entity's id.
    pub fn send<B: Serialize>(
        &self,
        method: Method,
        url: String,
        body: Result<B, ApiError>,
        done: impl FnOnce(Option<String>) + 'static,
    ) {
        match body.and_then(|body| crate::api::json::to_string(&body).map_err(ApiError::Decode)) {
            Ok(body) => self.write(method, url, Some(body), Box::new(done)),
            Err(refusal) => self.error.set(Some(refusal)),
        }
    }

    /// Sends a request without a body (a delete: the version is in its URL), then runs `done`.
    pub fn send_empty(&self, method: Method, url: String, done: impl FnOnce() + 'static) {
        self.write(method, url, None, Box::new(move |_| done()));
    }

    /// The untyped part of every write (one copy in the wasm): busy while in flight, then the refusal or `done`.
    fn write(
        &self,
        method: Method,
        url: String,
        body: Option<String>,
        done: Box<dyn FnOnce(Option<String>)>,
    ) {
        let (busy, error) = (self.busy.clone(), self.error.clone());
        busy.set(true);
        // A notice of an earlier write is not about this one (which may be refused).
        self.notice.set(None);
        self.store.mutate(
            method,
            url,
            body,
            Box::new(move |result| {
                busy.set(false);
                match result {
                    Ok(id) => {
                        error.set(None);
                        done(id);
                    }
                    Err(e) => error.set(Some(e)),
                }
            }),
        );
    }
}

#[hook]
pub fn use_submit() -> Submit {
    Submit {
        busy: use_state(|| false),
        error: use_state(|| None),
        notice: use_state(|| None),
        store: use_resource_store(),
    }
}

/// What every resource form takes.
#[derive(Properties, PartialEq)]
pub struct FormProps<V: PartialEq> {
    pub initial: V,
    pub submit_label: &'static str,
    pub busy: bool,
    pub error: Option<ApiError>,
    pub on_submit: Callback<V>,
    #[prop_or_default]
    pub on_cancel: Option<Callback<()>>,
}

impl<V: PartialEq> FormProps<V> {
    /// The form's shell, with these props' label, state, error and cancel.
    pub fn shell(&self, class: &'static str, on_submit: Callback<()>) -> Shell {
        Shell {
            class,
            submit_label: self.submit_label,
            busy: self.busy,
            error: self.error.clone(),
            on_submit,
            on_cancel: self.on_cancel.clone(),
        }
    }
}

/// The form's current values, and the shell's submit callback handing them to `on_submit`.
#[hook]
pub fn use_form<V: Clone + PartialEq + 'static>(
    props: &FormProps<V>,
) -> (UseStateHandle<V>, Callback<()>) {
    let values = use_state(|| props.initial.clone());
    let submit = {
        let (values, on_submit) = (values.clone(), props.on_submit.clone());
        Callback::from(move |()| on_submit.emit((*values).clone()))
    };
    (values, submit)
}
