//! Demo data for a first local run: the studio's identity, clients, rooms, equipment, a few sessions around
//! today, invoices in every state with their payments, projects under way and quotes in play.

use jiff::ToSpan;
use studio_domain::{
    Ctx, DomainError, Services, StudioId, clients, equipment, invoices, payments, projects, quotes,
    rooms, sessions, settings,
};
use studio_wire::{
    Client, ClientKind, Invoice, Money, NewClient, NewEquipment, NewInvoice, NewLine, NewPayment,
    NewProject, NewQuote, NewRoom, NewSession, NewTrack, PaymentMethod, Project, ProjectKind,
    ProjectStatus, Quantity, RoomKind, SessionStatus, SettingsPatch, TrackStatus, Via,
};

fn client(name: &str, email: &str, kind: ClientKind) -> NewClient {
    NewClient {
        name: name.into(),
        email: Some(email.into()),
        kind,
        ..NewClient::default()
    }
}

fn room(name: &str, kind: RoomKind, euros_per_hour: i64, colour: &str) -> NewRoom {
    NewRoom {
        name: name.into(),
        kind,
        hourly_rate: Money(euros_per_hour * 100),
        colour: Some(colour.into()),
        ..NewRoom::default()
    }
}

fn gear(name: &str, category: &str, brand: &str, model: &str) -> NewEquipment {
    NewEquipment {
        name: name.into(),
        category: category.into(),
        brand: Some(brand.into()),
        model: Some(model.into()),
        ..NewEquipment::default()
    }
}

fn line(description: &str, quantity: &str, euros: i64) -> NewLine {
    NewLine {
        description: description.into(),
        quantity: Quantity::parse(quantity).unwrap_or(Quantity::ONE),
        unit_price: Money(euros * 100),
        vat_rate: None,
    }
}

/// A draft, an issued invoice, a partly and a fully paid one, and one cancelled by a credit note.
async fn invoices_in_every_state(demo: &Ctx, people: &[Client]) -> Result<(), DomainError> {
    let draft = |who: usize, lines: Vec<NewLine>| NewInvoice {
        client_id: people[who].id.clone(),
        lines,
        ..NewInvoice::default()
    };
    invoices::create(demo, &draft(0, vec![line("Studio A — voix, 3 h", "3", 60)])).await?;
    let mut issued = Vec::new();
    for input in [
        draft(
            1,
            vec![
                line("Studio B — mix EP, 4 h", "4", 45),
                line("Stems et export", "1", 40),
            ],
        ),
        draft(
            3,
            vec![
                line("Live Room — journée", "1", 640),
                line("Ingénieur du son, 8 h", "8", 35),
            ],
        ),
        draft(2, vec![line("Studio A — maquettes, 5 h", "5", 60)]),
        draft(1, vec![line("Studio B — mix (doublon)", "4", 45)]),
    ] {
        let (invoice, _) = invoices::create(demo, &input).await?;
        issued.push(invoices::issue(demo, &invoice.id, invoice.version).await?.0);
    }
    let payment = |invoice: &Invoice, euros: i64, method| NewPayment {
        invoice_id: invoice.id.clone(),
        amount: Money(euros),
        method,
        paid_on: None,
        reference: None,
    };
    payments::record(demo, &payment(&issued[1], 30_000, PaymentMethod::Transfer)).await?;
    let full = issued[2].totals.gross.cents();
    payments::record(demo, &payment(&issued[2], full, PaymentMethod::Card)).await?;
    invoices::credit_note(demo, &issued[3].id, issued[3].version).await?;
    Ok(())
}

/// An album in mixing with tracks at different stages, and an EP still in pre-production. Returns the album.
async fn projects_under_way(demo: &Ctx, people: &[Client]) -> Result<Project, DomainError> {
    let project = |who: usize, name: &str, kind, status| NewProject {
        client_id: people[who].id.clone(),
        name: name.into(),
        kind,
        status,
        ..NewProject::default()
    };
    let (mut album, _) = projects::create(
        demo,
        &project(0, "Lumières", ProjectKind::Album, ProjectStatus::Mixing),
    )
    .await?;
    for (title, status) in [
        ("Aube", TrackStatus::Completed),
        ("Lumières", TrackStatus::Mixing),
        ("Rue Oberkampf", TrackStatus::Mixing),
        ("Dernier métro", TrackStatus::Recording),
    ] {
        let track = NewTrack {
            version: album.version,
            title: title.into(),
            status,
            ..NewTrack::default()
        };
        album = projects::add_track(demo, &album.id, &track).await?.0;
    }
    projects::create(
        demo,
        &project(1, "Ondes", ProjectKind::Ep, ProjectStatus::PreProduction),
    )
    .await?;
    Ok(album)
}

/// A draft quote, one sent and awaiting an answer, one accepted and ready to invoice.
async fn quotes_in_play(demo: &Ctx, people: &[Client]) -> Result<(), DomainError> {
    let offer = |who: usize, lines| NewQuote {
        client_id: people[who].id.clone(),
        lines,
        ..NewQuote::default()
    };
    quotes::create(
        demo,
        &offer(2, vec![line("Maquettes, forfait jour", "2", 400)]),
    )
    .await?;
    let (sent, _) = quotes::create(
        demo,
        &offer(
            3,
            vec![
                line("Enregistrement live, jour", "3", 900),
                line("Mix, par titre", "6", 250),
            ],
        ),
    )
    .await?;
    quotes::send(demo, &sent.id, sent.version).await?;
    let (accepted, _) =
        quotes::create(demo, &offer(1, vec![line("Mastering, par titre", "5", 80)])).await?;
    let (accepted, _) = quotes::send(demo, &accepted.id, accepted.version).await?;
    quotes::accept(demo, &accepted.id, accepted.version).await?;
    Ok(())
}

/// Who the history says wrote the demo data.
const SEED_PERSON: &str = "demo-data";

/// Adds the demo data to each demo studio that has no clients yet, so restarts never duplicate it — after
/// indexing the clients of a data file written before the client search index (its count included).
pub async fn seed(services: &Services) -> Result<(), DomainError> {
    for studio in [super::DEMO_STUDIO, super::OTHER_STUDIO] {
        let ctx = Ctx::new(StudioId::parse(studio).expect("valid id"), services.clone());
        clients::reindex(&ctx).await?;
    }
    let demo = Ctx::new(
        StudioId::parse(super::DEMO_STUDIO).expect("valid id"),
        services.clone(),
    )
    .acting(SEED_PERSON, Via::Form);
    if clients::count(&demo, None).await? == 0 {
        let identity = SettingsPatch {
            version: settings::get(&demo).await?.version,
            display_name: Some("Studio Démo".into()),
            legal_name: Some("Studio Démo SARL".into()),
            address: Some("12 rue des Studios, 75011 Paris".into()),
            siret: Some("12345678900012".into()),
            vat_number: Some("FR12123456789".into()),
            ..SettingsPatch::default()
        };
        settings::update(&demo, &identity).await?;
        let mut people = Vec::new();
        for input in [
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
        ] {
            people.push(clients::create(&demo, &input).await?.0);
        }
        let mut places = Vec::new();
        for input in [
            room("Studio A", RoomKind::Recording, 60, "#5b3df5"),
            room("Studio B", RoomKind::Mixing, 45, "#0f9d58"),
            room("Live Room", RoomKind::Live, 80, "#e8710a"),
        ] {
            places.push(rooms::create(&demo, &input).await?.0);
        }
        for input in [
            gear("Neumann U87", "microphone", "Neumann", "U87 Ai"),
            gear("Shure SM7B", "microphone", "Shure", "SM7B"),
            gear("Neve 1073", "preamp", "AMS Neve", "1073DPX"),
        ] {
            equipment::create(&demo, &input).await?;
        }
        let album = projects_under_way(&demo, &people).await?;
        // A few sessions this week and next, in the studio's local time; the album's voice session is its.
        let zone = settings::load(&demo).await?.zone;
        let today = demo.now().to_zoned_datetime(zone.clone()).date();
        for (days, hour, length, who, place, title) in [
            (1, 10, 3, 0, 0, "Voix — album"),
            (1, 14, 4, 1, 1, "Mix EP"),
            (2, 9, 8, 3, 2, "Live session"),
            (8, 13, 5, 2, 0, "Maquettes"),
        ] {
            let date = today.checked_add(days.days()).unwrap_or(today);
            let Ok(start) = zone.to_timestamp(date.at(hour, 0, 0, 0)) else {
                continue;
            };
            let input = NewSession {
                title: Some(title.into()),
                client_id: people[who].id.clone(),
                room_id: places[place].id.clone(),
                project_id: (who == 0).then(|| album.id.clone()),
                start,
                end: start + jiff::SignedDuration::from_hours(length),
                status: SessionStatus::Scheduled,
                engineer: None,
                notes: None,
            };
            sessions::create(&demo, &input).await?;
        }
        invoices_in_every_state(&demo, &people).await?;
        quotes_in_play(&demo, &people).await?;
        tracing::info!("seeded the demo studio");
    }
    let other = Ctx::new(
        StudioId::parse(super::OTHER_STUDIO).expect("valid id"),
        services.clone(),
    )
    .acting(SEED_PERSON, Via::Form);
    if clients::count(&other, None).await? == 0 {
        clients::create(
            &other,
            &client(
                "Autre Studio Client",
                "client@autre.example",
                ClientKind::Individual,
            ),
        )
        .await?;
        tracing::info!("seeded the second demo studio");
    }
    Ok(())
}
