//! Every user-visible string, in French and English. Components read them through `use_texts()`.

use yew::prelude::*;

#[derive(Debug, PartialEq)]
pub struct Texts {
    pub lang: &'static str,
    pub app_name: &'static str,
    pub nav_home: &'static str,
    pub nav_clients: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub clients_title: &'static str,
    pub clients_count: &'static str,
    pub search_placeholder: &'static str,
    pub load_more: &'static str,
    pub loading: &'static str,
    pub empty: &'static str,
    pub col_name: &'static str,
    pub col_email: &'static str,
    pub col_phone: &'static str,
    pub col_kind: &'static str,
    pub col_notes: &'static str,
    pub kind_individual: &'static str,
    pub kind_company: &'static str,
    pub new_client: &'static str,
    pub create: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub confirm_delete: &'static str,
    pub yes_delete: &'static str,
    pub created: &'static str,
    pub saved: &'static str,
    pub deleted: &'static str,
    pub back_to_clients: &'static str,
    pub not_found: &'static str,
    pub error_network: &'static str,
    pub error_unexpected: &'static str,
    pub assistant: &'static str,
    pub assistant_open: &'static str,
    pub assistant_close: &'static str,
    pub assistant_placeholder: &'static str,
    pub assistant_send: &'static str,
    pub assistant_sending: &'static str,
    pub assistant_hello: &'static str,
    pub assistant_failed: &'static str,
    pub switch_language: &'static str,
    pub created_at: &'static str,
    pub updated_at: &'static str,
}

pub const FR: Texts = Texts {
    lang: "fr",
    app_name: "Studio",
    nav_home: "Accueil",
    nav_clients: "Clients",
    home_title: "Bienvenue dans Studio",
    home_intro: "Gérez vos clients ici, ou demandez à l'assistant en bas à droite.",
    clients_title: "Clients",
    clients_count: "clients",
    search_placeholder: "Rechercher un nom, un email, un téléphone…",
    load_more: "Afficher plus",
    loading: "Chargement…",
    empty: "Aucun client pour l'instant.",
    col_name: "Nom",
    col_email: "Email",
    col_phone: "Téléphone",
    col_kind: "Type",
    col_notes: "Notes",
    kind_individual: "Particulier",
    kind_company: "Société",
    new_client: "Nouveau client",
    create: "Créer",
    save: "Enregistrer",
    cancel: "Annuler",
    edit: "Modifier",
    delete: "Supprimer",
    confirm_delete: "Supprimer ce client ?",
    yes_delete: "Oui, supprimer",
    created: "Client créé.",
    saved: "Modifications enregistrées.",
    deleted: "Client supprimé.",
    back_to_clients: "← Tous les clients",
    not_found: "Cette page n'existe pas.",
    error_network: "Le serveur est injoignable. Vérifiez la connexion et réessayez.",
    error_unexpected: "Réponse inattendue du serveur.",
    assistant: "Assistant",
    assistant_open: "Assistant",
    assistant_close: "Fermer",
    assistant_placeholder: "Demandez : « Crée un client nommé … avec l'email … »",
    assistant_send: "Envoyer",
    assistant_sending: "…",
    assistant_hello: "Bonjour ! Je peux créer, renommer, chercher, lister et compter vos clients.",
    assistant_failed: "Le message n'a pas pu être envoyé :",
    switch_language: "English",
    created_at: "Créé le",
    updated_at: "Modifié le",
};

pub const EN: Texts = Texts {
    lang: "en",
    app_name: "Studio",
    nav_home: "Home",
    nav_clients: "Clients",
    home_title: "Welcome to Studio",
    home_intro: "Manage your clients here, or ask the assistant at the bottom right.",
    clients_title: "Clients",
    clients_count: "clients",
    search_placeholder: "Search a name, an email, a phone…",
    load_more: "Show more",
    loading: "Loading…",
    empty: "No clients yet.",
    col_name: "Name",
    col_email: "Email",
    col_phone: "Phone",
    col_kind: "Kind",
    col_notes: "Notes",
    kind_individual: "Individual",
    kind_company: "Company",
    new_client: "New client",
    create: "Create",
    save: "Save",
    cancel: "Cancel",
    edit: "Edit",
    delete: "Delete",
    confirm_delete: "Delete this client?",
    yes_delete: "Yes, delete",
    created: "Client created.",
    saved: "Changes saved.",
    deleted: "Client deleted.",
    back_to_clients: "← All clients",
    not_found: "This page does not exist.",
    error_network: "The server cannot be reached. Check the connection and try again.",
    error_unexpected: "Unexpected answer from the server.",
    assistant: "Assistant",
    assistant_open: "Assistant",
    assistant_close: "Close",
    assistant_placeholder: "Ask: \"Add a client named … with email …\"",
    assistant_send: "Send",
    assistant_sending: "…",
    assistant_hello: "Hello! I can create, rename, find, list and count your clients.",
    assistant_failed: "The message could not be sent:",
    switch_language: "Français",
    created_at: "Created",
    updated_at: "Updated",
};

/// The catalogue for a BCP 47 language tag: French for `fr*`, English otherwise.
pub fn for_language(tag: &str) -> &'static Texts {
    if tag.to_lowercase().starts_with("fr") {
        &FR
    } else {
        &EN
    }
}

/// The language switch: the current catalogue and a callback to change it.
#[derive(Clone, PartialEq)]
pub struct Language {
    pub texts: &'static Texts,
    pub set: Callback<&'static Texts>,
}

#[hook]
pub fn use_texts() -> &'static Texts {
    use_context::<Language>().map(|l| l.texts).unwrap_or(&FR)
}

/// A user-facing sentence for an API error.
pub fn error_message(texts: &Texts, error: &crate::api::ApiError) -> String {
    match error {
        crate::api::ApiError::Network(_) => texts.error_network.to_owned(),
        crate::api::ApiError::Http { message, .. } => message.clone(),
        crate::api::ApiError::Decode(_) => texts.error_unexpected.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_browsers_get_french() {
        assert_eq!(for_language("fr-FR").lang, "fr");
        assert_eq!(for_language("en-GB").lang, "en");
        assert_eq!(for_language("de").lang, "en");
    }
}
