//! The names the SPA's wasm imports its JavaScript functions by. wasm-bindgen names each after its function and
//! a hash of 16 hex digits (`__wbg_body_5f971cbc6950ca4f`), written in the wasm and once in its JavaScript glue;
//! hashes do not compress. Renamed in both files to the name without its hash (`__wbg_body`), numbered where two
//! would meet (`__wbg_new`, `__wbg_new_2`): −2.0 KB of the gzipped wasm, and of the glue's (2026-11-28).

use std::{collections::HashSet, path::Path};

use super::{Import, imports, leb, sections};
use crate::Result;

/// Renames the hashed imports of `wasm` and the one place each is defined in `glue`, both files rewritten.
pub fn shorten(wasm: &Path, glue: &Path) -> Result {
    let bytes = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let script = std::fs::read_to_string(glue).map_err(|e| format!("{}: {e}", glue.display()))?;
    let (bytes, script) = shortened(&bytes, &script)?;
    std::fs::write(wasm, bytes).map_err(|e| format!("{}: {e}", wasm.display()))?;
    std::fs::write(glue, script).map_err(|e| format!("{}: {e}", glue.display()))
}

fn shortened(bytes: &[u8], script: &str) -> Result<(Vec<u8>, String)> {
    let Some(section) = sections(bytes)?.into_iter().find(|s| s.id == 2) else {
        return Ok((bytes.to_vec(), script.to_owned()));
    };
    let entries = imports(&bytes[..section.end], section.content)?;
    let mut taken: HashSet<String> = entries
        .iter()
        .map(|import| String::from_utf8_lossy(import.field).into_owned())
        .collect();
    let mut script = script.to_owned();
    let mut content = Vec::new();
    leb(&mut content, entries.len() as u64);
    for Import {
        module,
        field,
        description,
    } in &entries
    {
        let old = String::from_utf8_lossy(field).into_owned();
        let new = match (unhashed(&old), occurrences(&script, &old).as_slice()) {
            (Some(base), &[at]) => {
                let new = (1..)
                    .map(|n| match n {
                        1 => base.to_owned(),
                        n => format!("{base}_{n}"),
                    })
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
    let mut out = bytes[..section.start].to_vec();
    out.push(2);
    leb(&mut out, content.len() as u64);
    out.extend_from_slice(&content);
    out.extend_from_slice(&bytes[section.end..]);
    Ok((out, script))
}

/// `name` without its trailing `_` and 16 hex digits, if it has them.
fn unhashed(name: &str) -> Option<&str> {
    let (base, hash) = name.rsplit_once('_')?;
    let is_hash = hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    (is_hash && !base.is_empty()).then_some(base)
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

    /// A module importing functions of type 0 from "./app_bg.js", named `names` (types, imports).
    fn module(names: &[&str]) -> Vec<u8> {
        let mut content = vec![names.len() as u8];
        for name in names {
            content.extend_from_slice(&[11]);
            content.extend_from_slice(b"./app_bg.js");
            content.push(name.len() as u8);
            content.extend_from_slice(name.as_bytes());
            content.extend_from_slice(&[0, 0]);
        }
        let mut bytes = b"\0asm\x01\0\0\0\x01\x04\x01\x60\0\0\x02".to_vec();
        bytes.push(content.len() as u8);
        bytes.extend_from_slice(&content);
        bytes
    }

    #[test]
    fn hashes_leave_both_files_and_names_that_meet_are_numbered() {
        let names = [
            "__wbg_new_3e95cd7386bb9a6c",
            "__wbg_new_0123456789abcdef",
            "__wbg_body_5f971cbc6950ca4f",
        ];
        let script = "const imports = { __wbg_new_3e95cd7386bb9a6c: f, __wbg_new_0123456789abcdef: g, \
                      __wbg_body_5f971cbc6950ca4f: h }; function __wbg_body() {}";
        let (bytes, script) = shortened(&module(&names), script).unwrap();
        assert_eq!(
            script,
            "const imports = { __wbg_new: f, __wbg_new_2: g, __wbg_body_2: h }; function __wbg_body() {}"
        );
        assert_eq!(bytes, module(&["__wbg_new", "__wbg_new_2", "__wbg_body_2"]));
    }

    #[test]
    fn a_name_the_glue_spells_twice_or_without_a_hash_is_kept() {
        let names = ["__wbg_log_5f971cbc6950ca4f", "__wbindgen_start"];
        let script =
            "__wbg_log_5f971cbc6950ca4f: f, again(__wbg_log_5f971cbc6950ca4f), __wbindgen_start";
        let (bytes, kept) = shortened(&module(&names), script).unwrap();
        assert_eq!((bytes, kept.as_str()), (module(&names), script));
    }
}
