//! A studio at scale, for the benchmark (and for trying the SPA with years of clients): `n` clients with
//! ordinary names, emails and phones, of whom a fixed few are named Martin — so that a search for "martin" finds
//! the same clients in a small studio and a large one.

use studio_domain::{Ctx, DomainError, clients};
use studio_wire::NewClient;

const FIRST: [&str; 24] = [
    "Alice", "Bruno", "Chloé", "David", "Emma", "Fabien", "Gaëlle", "Hugo", "Inès", "Julien",
    "Karim", "Léa", "Nina", "Olivier", "Pauline", "Quentin", "Rose", "Samuel", "Théo", "Ursule",
    "Victor", "Yanis", "Zoé", "Élodie",
];
const LAST: [&str; 24] = [
    "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Simon",
    "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
    "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau",
];

/// How many of the clients are named "<first name> Martin" (one per first name at most).
pub const MARTINS: usize = 20;

/// The `i`-th client of a seeded studio.
pub fn client(i: usize) -> NewClient {
    let first = FIRST[i % FIRST.len()];
    let last = if i < MARTINS {
        "Martin"
    } else {
        LAST[(i / FIRST.len()) % LAST.len()]
    };
    NewClient {
        name: format!("{first} {last}"),
        email: Some(format!("client{i}@example.com")),
        phone: i.is_multiple_of(3).then(|| {
            format!(
                "+33 6 {:02} {:02} {:02} {:02}",
                i % 97,
                i % 89,
                i % 83,
                i % 79
            )
        }),
        ..NewClient::default()
    }
}

/// Creates clients `0..n` through the clients service (index, count and history written as in real use).
pub async fn seed_clients(ctx: &Ctx, n: usize) -> Result<(), DomainError> {
    for i in 0..n {
        clients::create(ctx, &client(i)).await?;
    }
    Ok(())
}
