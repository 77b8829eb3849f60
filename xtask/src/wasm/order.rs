//! The order of the SPA's functions in its wasm, chosen for gzip.
//!
//! gzip finds repeats only in the last 32 KiB it has read, and rustc lays functions out in no order that helps
//! it: the views of two pages, or two instances of one generic, are often far apart. Placing each function after
//! those whose byte sequences it shares makes more of it a repeat. Measured on one build, 2026-11-28 (gzip -9 of
//! the shipped wasm): as rustc and wasm-opt leave it 287,947 B; functions sorted by their Rust names 283,118 B;
//! in this order 274,618 B (−4.6 %), for +1 KB raw (indices of the hottest calls grow). The code is not changed:
//! wasm-opt renumbers the functions (`--reorder-functions-by-name`, with names that spell this order) and rewrites
//! every call and table entry.
//!
//! The order is greedy: next comes the function sharing the most 4-byte sequences with the last 32 KiB placed,
//! its count divided by (its sequence count)^¾ so that small functions are not swamped by large ones (the
//! exponent, sequence length and window were tried side by side: ½ and 1, 3–6 bytes, 16–64 KiB all came out
//! worse or equal). Scores are whole counts, so the order is the same on every run.
//!
//! Sequences found in many functions are left out of the scores (they are everywhere, in any order); where
//! "many" starts moves the result by ±0.7 KB, and no value is the best on every build (measured
//! 2026-11-28: 100 → 256,343 B, 250 → 256,827 B, 350 → 256,532 B, 1000 → 257,370 B). So each of `COMMON` is
//! laid out (≈ 1.6 s each) and the smallest by gzip -9 is kept. (The exponent ¾ tried likewise beside 0.7 and
//! 0.8 gave no smaller one.)

use std::{
    collections::{HashMap, VecDeque},
    path::Path,
};

use super::{Reader, custom_name, imports, leb, sections};
use crate::{Result, bench::group, run_quietly, tools::Tools};

/// Rewrites `wasm` in place with its functions in the order, of those tried, that gzip compresses best.
pub fn reorder(tools: &Tools, wasm: &Path) -> Result {
    let bytes = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let module = Module::parse(&bytes)?;
    // Outside `dist/`, which must hold one wasm only.
    let staged = std::env::temp_dir().join(format!("studio-spa-{}.wasm", std::process::id()));
    let laid_out = staged.with_extension("out.wasm");
    eprintln!(
        "xtask: laying the wasm's functions out {} ways (wasm-opt --reorder-functions-by-name), keeping the smallest",
        COMMON.len()
    );
    let mut best: Option<(u64, usize, Vec<u8>)> = None;
    for common in COMMON {
        std::fs::write(&staged, module.named(&order(&module.bodies, common)))
            .map_err(|e| format!("{}: {e}", staged.display()))?;
        run_quietly(
            tools
                .command("wasm-opt")
                // Names, producers and target features are for tools; the browser reads none of them.
                .args([
                    "--reorder-functions-by-name",
                    "--strip-debug",
                    "--strip-producers",
                    "--strip-target-features",
                ])
                .arg(&staged)
                .arg("-o")
                .arg(&laid_out),
        )?;
        let size = crate::spa::gzipped_size(&laid_out)?;
        if best.as_ref().is_none_or(|(smallest, ..)| size < *smallest) {
            let candidate =
                std::fs::read(&laid_out).map_err(|e| format!("{}: {e}", laid_out.display()))?;
            best = Some((size, common, candidate));
        }
    }
    let _ = std::fs::remove_file(&staged);
    let _ = std::fs::remove_file(&laid_out);
    let (size, common, smallest) = best.ok_or("no layout tried")?;
    eprintln!(
        "xtask: kept the layout ignoring sequences in {common}+ functions: {} B gzip",
        group(size)
    );
    std::fs::write(wasm, smallest).map_err(|e| format!("{}: {e}", wasm.display()))
}

/// What the ordering needs of a module: its sections as they are (a name section left out) and the bodies of the
/// functions it defines.
struct Module<'a> {
    /// Every section but a custom "name" one, each with its id and size.
    sections: Vec<&'a [u8]>,
    imported_functions: u32,
    bodies: Vec<&'a [u8]>,
}

impl<'a> Module<'a> {
    fn parse(bytes: &'a [u8]) -> Result<Module<'a>> {
        let mut module = Module {
            sections: Vec::new(),
            imported_functions: 0,
            bodies: Vec::new(),
        };
        for section in sections(bytes)? {
            let content = &bytes[..section.end];
            match section.id {
                2 => {
                    module.imported_functions = imports(content, section.content)?
                        .iter()
                        .filter(|import| import.is_function())
                        .count() as u32
                }
                10 => module.bodies = bodies(content, section.content)?,
                _ => {}
            }
            if section.id != 0 || custom_name(bytes, &section)? != b"name" {
                module.sections.push(&bytes[section.start..section.end]);
            }
        }
        Ok(module)
    }

    /// The module with a name section naming each defined function by its place in `order` ("000042" is 43rd),
    /// so that sorting by name puts them in that order.
    fn named(&self, order: &[usize]) -> Vec<u8> {
        let mut rank = vec![0; order.len()];
        for (place, &function) in order.iter().enumerate() {
            rank[function] = place;
        }
        let mut names = Vec::new();
        leb(&mut names, rank.len() as u64);
        for (function, place) in rank.iter().enumerate() {
            let name = format!("{place:06}");
            leb(
                &mut names,
                u64::from(self.imported_functions) + function as u64,
            );
            leb(&mut names, name.len() as u64);
            names.extend_from_slice(name.as_bytes());
        }
        let mut payload = Vec::new();
        leb(&mut payload, 4);
        payload.extend_from_slice(b"name");
        payload.push(1); // the function names subsection
        leb(&mut payload, names.len() as u64);
        payload.extend_from_slice(&names);

        let mut out = b"\0asm\x01\0\0\0".to_vec();
        for section in &self.sections {
            out.extend_from_slice(section);
        }
        out.push(0);
        leb(&mut out, payload.len() as u64);
        out.extend_from_slice(&payload);
        out
    }
}

fn bodies(bytes: &[u8], content: usize) -> Result<Vec<&[u8]>> {
    let mut reader = Reader { bytes, at: content };
    let count = reader.leb()?;
    (0..count)
        .map(|_| {
            let size = reader.leb()? as usize;
            let body = bytes
                .get(reader.at..reader.at + size)
                .ok_or("a function body runs past its section")?;
            reader.at += size;
            Ok(body)
        })
        .collect()
}

/// The window gzip looks back over.
const WINDOW: usize = 32 * 1024;
/// The layouts tried: a sequence found in this many functions or more is left out of the scores.
const COMMON: [usize; 10] = [100, 150, 200, 250, 300, 350, 400, 500, 700, 1000];

/// The functions (indices into `bodies`) in the order to lay them out: greedily, each next one the function
/// sharing the most 4-byte sequences with the window of those placed last.
fn order(bodies: &[&[u8]], common: usize) -> Vec<usize> {
    let sequences: Vec<Vec<u32>> = bodies.iter().map(|body| sequences(body)).collect();
    let mut holders: HashMap<u32, Vec<usize>> = HashMap::new();
    for (function, own) in sequences.iter().enumerate() {
        for &sequence in own {
            holders.entry(sequence).or_default().push(function);
        }
    }
    holders.retain(|_, functions| functions.len() < common);
    let weight: Vec<f64> = sequences
        .iter()
        .map(|own| (own.len() as f64).powf(0.75) + 1.0)
        .collect();

    // shared[f]: how many of f's sequences are in the window; in_window: how often each sequence is there.
    let mut shared = vec![0u32; bodies.len()];
    let mut in_window: HashMap<u32, u32> = HashMap::new();
    let mut window: VecDeque<usize> = VecDeque::new();
    let mut window_bytes = 0;
    let mut placed = vec![false; bodies.len()];
    let mut order = Vec::with_capacity(bodies.len());
    let mut next = 0;
    while order.len() < bodies.len() {
        order.push(next);
        placed[next] = true;
        for &sequence in &sequences[next] {
            let count = in_window.entry(sequence).or_default();
            *count += 1;
            if *count == 1 {
                for &holder in holders.get(&sequence).into_iter().flatten() {
                    shared[holder] += 1;
                }
            }
        }
        window.push_back(next);
        window_bytes += bodies[next].len();
        while window_bytes > WINDOW && window.len() > 1 {
            let left = window.pop_front().expect("a window of more than one");
            window_bytes -= bodies[left].len();
            for &sequence in &sequences[left] {
                let count = in_window.get_mut(&sequence).expect("counted on entry");
                *count -= 1;
                if *count == 0 {
                    for &holder in holders.get(&sequence).into_iter().flatten() {
                        shared[holder] -= 1;
                    }
                }
            }
        }
        let mut best: Option<(usize, f64)> = None;
        for function in (0..bodies.len()).filter(|&f| !placed[f]) {
            let score = f64::from(shared[function]) / weight[function];
            if best.is_none_or(|(_, top)| score > top) {
                best = Some((function, score));
            }
        }
        if let Some((function, _)) = best {
            next = function;
        }
    }
    order
}

/// A body's distinct 4-byte sequences.
fn sequences(body: &[u8]) -> Vec<u32> {
    let mut own: Vec<u32> = body
        .windows(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .collect();
    own.sort_unstable();
    own.dedup();
    own
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_function_is_placed_beside_the_one_it_repeats() {
        let first = b"local.get 0 i32.const 8 i32.add call 12 drop".as_slice();
        let other = b"completely different bytes: memory.copy br_if".as_slice();
        let like_first = b"local.get 0 i32.const 8 i32.add call 13 drop".as_slice();
        assert_eq!(order(&[first, other, like_first], 1000), vec![0, 2, 1]);
    }

    #[test]
    fn every_function_is_placed_once() {
        let bodies: Vec<Vec<u8>> = (0..50u8).map(|n| vec![n % 7, n % 3, n, 1, 2, 3]).collect();
        let slices: Vec<&[u8]> = bodies.iter().map(Vec::as_slice).collect();
        let mut placed = order(&slices, 1000);
        placed.sort_unstable();
        assert_eq!(placed, (0..50).collect::<Vec<_>>());
    }

    /// A module importing one function and defining two (types, imports, functions, code), named in the order
    /// given: the names sort as the order says and the rest of the module is as it was.
    #[test]
    fn the_names_spell_the_order() {
        let module: &[u8] = &[
            0, 97, 115, 109, 1, 0, 0, 0, // header
            1, 4, 1, 0x60, 0, 0, // type 0: () -> ()
            2, 7, 1, 1, b'm', 1, b'f', 0, 0, // import m.f: function of type 0
            3, 3, 2, 0, 0, // two functions of type 0
            10, 7, 2, 2, 0, 0x0b, 2, 0, 0x0b, // their bodies
        ];
        let parsed = Module::parse(module).unwrap();
        assert_eq!((parsed.imported_functions, parsed.bodies.len()), (1, 2));
        let named = parsed.named(&[1, 0]);
        assert_eq!(&named[..module.len()], module);
        let names = &named[module.len()..];
        // Function 1 (the first defined) is second, function 2 first.
        assert!(names.ends_with(b"\x02\x01\x06000001\x02\x06000000"));
        let again = Module::parse(&named).unwrap();
        assert_eq!(
            again.sections.len(),
            4,
            "the name section is read as names, not kept"
        );
    }
}
