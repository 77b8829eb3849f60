//! The names the SPA's wasm and its JavaScript glue know each other by. wasm-bindgen names each import after its
//! function and a hash of 16 hex digits (`__wbg_body_5f971cbc6950ca4f`), written in the wasm and once in the glue,
//! as a key of the object the glue hands the wasm; the glue calls the wasm's exports as `wasm.__wbindgen_malloc`,
//! and closures' by names of 130 characters, crate hashes included. Both are renamed in both files to names of
//! one or two letters (`a`, `b`, …, `Z`, `aa`, …): hashes do not compress, and nothing else reads these names.
//! Measured 2026-11-28, gzip -9 of the wasm: hashed 274,450 B, imports without the hashes 272,423 B (the glue
//! −2.4 KB), imports in letters −1.1 KB more, exports too −0.3 KB more.

use std::{collections::HashSet, path::Path};

use super::{Import, Reader, Section, imports, leb, sections};
use crate::Result;

/// Renames the imports and exports of `wasm` and where `glue` spells them, both files rewritten.
pub fn shorten(wasm: &Path, glue: &Path) -> Result {
    let bytes = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let script = std::fs::read_to_string(glue).map_err(|e| format!("{}: {e}", glue.display()))?;
    let (bytes, script) = shortened(&bytes, &script)?;
    std::fs::write(wasm, bytes).map_err(|e| format!("{}: {e}", wasm.display()))?;
    std::fs::write(glue, script).map_err(|e| format!("{}: {e}", glue.display()))
}

fn shortened(bytes: &[u8], script: &str) -> Result<(Vec<u8>, String)> {
    let (bytes, script) = imports_shortened(bytes, script)?;
    exports_shortened(&bytes, &script)
}

/// Imports renamed where the glue spells them once: as a key of its imports' object.
fn imports_shortened(bytes: &[u8], script: &str) -> Result<(Vec<u8>, String)> {
    let Some(section) = sections(bytes)?.into_iter().find(|s| s.id == 2) else {
        return Ok((bytes.to_vec(), script.to_owned()));
    };
    let entries = imports(&bytes[..section.end], section.content)?;
    let mut taken: HashSet<String> = entries
        .iter()
        .map(|import| String::from_utf8_lossy(import.field).into_owned())
        .collect();
    let mut script = script.to_owned();
    let mut names = (0..).map(letters);
    let mut content = Vec::new();
    leb(&mut content, entries.len() as u64);
    for Import {
        module,
        field,
        description,
    } in &entries
    {
        let old = String::from_utf8_lossy(field).into_owned();
        // A name the glue spells anywhere else (a variable `a`, say) is skipped, so that each new name is spelled
        // once, where it is defined; an import the glue does not spell exactly once is left as it is.
        let new = match occurrences(&script, &old).as_slice() {
            &[at] => {
                let new = names
                    .find(|name| !taken.contains(name) && occurrences(&script, name).is_empty())
                    .expect("a free name");
                script.replace_range(at..at + old.len(), &new);
                taken.insert(new.clone());
                new
            }
            _ => old,
        };
        leb(&mut content, module.len() as u64);
        content.extend_from_slice(module);
        leb(&mut content, new.len() as u64);
        content.extend_from_slice(new.as_bytes());
        content.extend_from_slice(description);
    }
    Ok((replaced(bytes, &section, &content), script))
}

/// Exports renamed where the glue reads them, as `wasm.name` (a property of the instance's exports; its other
/// identifiers of the same spelling, such as the JavaScript function wrapping a closure's export, are its own).
/// An export the glue names in quotes, or never as `wasm.name`, keeps its name, and so does the memory.
fn exports_shortened(bytes: &[u8], script: &str) -> Result<(Vec<u8>, String)> {
    let Some(section) = sections(bytes)?.into_iter().find(|s| s.id == 7) else {
        return Ok((bytes.to_vec(), script.to_owned()));
    };
    let mut reader = Reader {
        bytes: &bytes[..section.end],
        at: section.content,
    };
    let count = reader.leb()?;
    let mut script = script.to_owned();
    let mut names = (0..).map(letters);
    let mut content = Vec::new();
    leb(&mut content, count);
    for _ in 0..count {
        let old = String::from_utf8_lossy(reader.name()?).into_owned();
        let start = reader.at;
        reader.byte()?; // kind
        reader.leb()?; // index
        let description = &bytes[start..reader.at];
        let read: Vec<usize> = occurrences(&script, &old)
            .into_iter()
            .filter(|&at| script[..at].ends_with("wasm."))
            .collect();
        let quoted = ['"', '\'', '`']
            .iter()
            .any(|q| script.contains(&format!("{q}{old}{q}")));
        let new = if old != "memory" && !read.is_empty() && !quoted {
            let new = names
                .find(|name| occurrences(&script, name).is_empty())
                .expect("a free name");
            for &at in read.iter().rev() {
                script.replace_range(at..at + old.len(), &new);
            }
            new
        } else {
            old
        };
        leb(&mut content, new.len() as u64);
        content.extend_from_slice(new.as_bytes());
        content.extend_from_slice(description);
    }
    Ok((replaced(bytes, &section, &content), script))
}

/// `bytes` with `section`'s content made `content`.
fn replaced(bytes: &[u8], section: &Section, content: &[u8]) -> Vec<u8> {
    let mut out = bytes[..section.start].to_vec();
    out.push(section.id);
    leb(&mut out, content.len() as u64);
    out.extend_from_slice(content);
    out.extend_from_slice(&bytes[section.end..]);
    out
}

/// The `n`th name of letters: `a` … `z`, `A` … `Z`, then `aa`, `ab`, … (a JavaScript identifier, never a keyword:
/// none has one or two letters but `do`, `if` and `in`, skipped).
fn letters(n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let (mut n, mut name) = (n, Vec::new());
    loop {
        name.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
        n -= 1;
    }
    name.reverse();
    let name = String::from_utf8(name).expect("letters");
    if ["do", "if", "in"].contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// Where `name` stands in `script` as a whole identifier.
fn occurrences(script: &str, name: &str) -> Vec<usize> {
    let part =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    script
        .match_indices(name)
        .map(|(at, _)| at)
        .filter(|&at| {
            !part(script[..at].chars().next_back())
                && !part(script[at + name.len()..].chars().next())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module of the sections `before`, then section `id` with one entry per name, written by `entry`.
    fn with_section(
        before: &[u8],
        id: u8,
        names: &[&str],
        entry: fn(&mut Vec<u8>, &str),
    ) -> Vec<u8> {
        let mut content = Vec::new();
        leb(&mut content, names.len() as u64);
        for name in names {
            entry(&mut content, name);
        }
        let mut bytes = b"\0asm\x01\0\0\0".to_vec();
        bytes.extend_from_slice(before);
        bytes.push(id);
        leb(&mut bytes, content.len() as u64);
        bytes.extend_from_slice(&content);
        bytes
    }

    /// A module importing a function of type 0 (`[] -> []`) from "./app_bg.js" under each name.
    fn module(names: &[&str]) -> Vec<u8> {
        with_section(b"\x01\x04\x01\x60\0\0", 2, names, |content, name| {
            content.push(11);
            content.extend_from_slice(b"./app_bg.js");
            leb(content, name.len() as u64);
            content.extend_from_slice(name.as_bytes());
            content.extend_from_slice(&[0, 0]);
        })
    }

    #[test]
    fn imports_are_named_by_letters_in_both_files_skipping_names_the_glue_spells() {
        let names = [
            "__wbg_new_3e95cd7386bb9a6c",
            "__wbg_new_0123456789abcdef",
            "__wbg_body_5f971cbc6950ca4f",
            "__wbindgen_init_externref_table",
        ];
        let script = "const imports = { __wbg_new_3e95cd7386bb9a6c: f, __wbg_new_0123456789abcdef: g, \
                      __wbg_body_5f971cbc6950ca4f: h, __wbindgen_init_externref_table: t }; \
                      function b(a) {}";
        let (bytes, script) = shortened(&module(&names), script).unwrap();
        assert_eq!(
            script,
            "const imports = { c: f, d: g, e: h, i: t }; function b(a) {}"
        );
        assert_eq!(bytes, module(&["c", "d", "e", "i"]));
    }

    #[test]
    fn a_name_the_glue_spells_twice_is_kept() {
        let names = ["__wbg_log_5f971cbc6950ca4f"];
        let script = "__wbg_log_5f971cbc6950ca4f: f, again(__wbg_log_5f971cbc6950ca4f)";
        let (bytes, kept) = shortened(&module(&names), script).unwrap();
        assert_eq!((bytes, kept.as_str()), (module(&names), script));
    }

    /// A module exporting function 0 under each name (the glue's exports).
    fn exporting(names: &[&str]) -> Vec<u8> {
        with_section(b"", 7, names, |content, name| {
            leb(content, name.len() as u64);
            content.extend_from_slice(name.as_bytes());
            content.extend_from_slice(&[0, 0]);
        })
    }

    #[test]
    fn exports_the_glue_reads_as_wasm_properties_are_named_by_letters_there() {
        let names = [
            "memory",
            "__wbindgen_malloc",
            "invoke_9cab1648f4470961",
            "main",
            "start",
        ];
        let script = "passString(wasm.__wbindgen_malloc); wasm.__wbindgen_malloc(1); \
                      function invoke_9cab1648f4470961(a) { wasm.invoke_9cab1648f4470961(a); } \
                      new Uint8Array(wasm.memory.buffer); const main = 1; wasm[\"start\"]();";
        let (bytes, script) = shortened(&exporting(&names), script).unwrap();
        assert_eq!(
            script,
            "passString(wasm.b); wasm.b(1); function invoke_9cab1648f4470961(a) { wasm.c(a); } \
             new Uint8Array(wasm.memory.buffer); const main = 1; wasm[\"start\"]();"
        );
        assert_eq!(bytes, exporting(&["memory", "b", "c", "main", "start"]));
    }

    #[test]
    fn names_of_letters_run_from_one_letter_to_two_and_are_never_keywords() {
        let names: Vec<String> = (0..52 * 53).map(letters).collect();
        assert_eq!(
            (
                names[0].as_str(),
                names[51].as_str(),
                names[52].as_str(),
                names[53].as_str()
            ),
            ("a", "Z", "aa", "ab")
        );
        assert_eq!(names.last().map(String::as_str), Some("ZZ"));
        assert_eq!(names.iter().collect::<HashSet<_>>().len(), names.len());
        assert!(names.iter().any(|n| n == "if_"));
        assert!(!names.iter().any(|n| n == "if" || n == "do" || n == "in"));
    }
}
