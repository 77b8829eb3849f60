//! Demo data for a first local run.

use studio_domain::{Ctx, DomainError, Services, StudioId, clients};
use studio_wire::{ClientKind, NewClient};

fn client(name: &str, email: &str, kind: ClientKind) -> NewClient {
    NewClient {
        name: name.into(),
        email: Some(email.into()),
        kind,
        ..NewClient::default()
    }
}

/// Adds demo clients to each demo studio that has none yet, so restarts never duplicate them.
pub async fn seed(services: &Services) -> Result<(), DomainError> {
    let demo = [
        (
            super::DEMO_STUDIO,
            vec![
                client(
                    "Léa Martin",
                    "lea.martin@example.com",
                    ClientKind::Individual,
                ),
                client(
                    "Les Ondes Courtes",
                    "contact@ondescourtes.example",
                    ClientKind::Company,
                ),
                client(
                    "Marc Dubois",
                    "marc.dubois@example.com",
                    ClientKind::Individual,
                ),
                client(
                    "Blue Harbor Records",
                    "bookings@blueharbor.example",
                    ClientKind::Company,
                ),
            ],
        ),
        (
            super::OTHER_STUDIO,
            vec![client(
                "Autre Studio Client",
                "client@autre.example",
                ClientKind::Individual,
            )],
        ),
    ];
    for (studio, new_clients) in demo {
        let ctx = Ctx::new(StudioId::parse(studio).expect("valid id"), services.clone());
        if clients::count(&ctx, None).await? > 0 {
            continue;
        }
        for input in &new_clients {
            clients::create(&ctx, input).await?;
        }
        tracing::info!(studio, clients = new_clients.len(), "seeded demo data");
    }
    Ok(())
}
