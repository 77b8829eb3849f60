//! Reading and writing the few parts of a wasm module that the SPA's build rewrites after wasm-opt: the order of
//! its functions (`order`) and the names of its imports and exports (`names`).

pub mod names;
pub mod order;

use crate::Result;

/// Where a section is in a module's bytes: its id, where it starts (its id's byte), where its content starts (after
/// its size) and where it ends.
pub struct Section {
    pub id: u8,
    pub start: usize,
    pub content: usize,
    pub end: usize,
}

pub fn sections(bytes: &[u8]) -> Result<Vec<Section>> {
    if bytes.len() < 8 || &bytes[..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    let mut sections = Vec::new();
    let mut at = 8;
    while at < bytes.len() {
        let mut reader = Reader { bytes, at: at + 1 };
        let size = reader.leb()? as usize;
        let end = reader
            .at
            .checked_add(size)
            .filter(|&end| end <= bytes.len())
            .ok_or("a section runs past the end of the module")?;
        sections.push(Section {
            id: bytes[at],
            start: at,
            content: reader.at,
            end,
        });
        at = end;
    }
    Ok(sections)
}

/// A custom section's name.
pub fn custom_name<'a>(bytes: &'a [u8], section: &Section) -> Result<&'a [u8]> {
    let mut reader = Reader {
        bytes: &bytes[..section.end],
        at: section.content,
    };
    reader.name()
}

/// One entry of a module's import section, as its bytes spell it.
pub struct Import<'a> {
    pub module: &'a [u8],
    pub field: &'a [u8],
    /// What is imported: its kind's byte and what follows it.
    pub description: &'a [u8],
}

impl Import<'_> {
    pub fn is_function(&self) -> bool {
        self.description.first() == Some(&0)
    }
}

/// The entries of the import section whose content starts at `content` (`bytes` ends with the section).
pub fn imports(bytes: &[u8], content: usize) -> Result<Vec<Import<'_>>> {
    let mut reader = Reader { bytes, at: content };
    let count = reader.leb()?;
    let mut imports = Vec::new();
    for _ in 0..count {
        let module = reader.name()?;
        let field = reader.name()?;
        let start = reader.at;
        match reader.byte()? {
            0 => {
                reader.leb()?; // type index
            }
            1 => {
                reader.byte()?; // element type
                reader.limits()?;
            }
            2 => reader.limits()?,
            3 => {
                reader.byte()?; // value type
                reader.byte()?; // mutability
            }
            4 => {
                reader.byte()?; // attribute
                reader.leb()?; // type index
            }
            kind => return Err(format!("an import of unknown kind {kind}")),
        }
        imports.push(Import {
            module,
            field,
            description: &bytes[start..reader.at],
        });
    }
    Ok(imports)
}

/// Reads a module's bytes from `at` on.
pub struct Reader<'a> {
    pub bytes: &'a [u8],
    pub at: usize,
}

impl<'a> Reader<'a> {
    pub fn byte(&mut self) -> Result<u8> {
        let byte = *self.bytes.get(self.at).ok_or("the module ends early")?;
        self.at += 1;
        Ok(byte)
    }

    pub fn leb(&mut self) -> Result<u64> {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
            shift += 7;
            if shift > 63 {
                return Err("a number in the module is too long".into());
            }
        }
    }

    pub fn name(&mut self) -> Result<&'a [u8]> {
        let length = self.leb()? as usize;
        let name = self
            .bytes
            .get(self.at..self.at + length)
            .ok_or("a name runs past its section")?;
        self.at += length;
        Ok(name)
    }

    pub fn limits(&mut self) -> Result {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 != 0 {
            self.leb()?;
        }
        Ok(())
    }
}

/// Appends `value` as an unsigned LEB128.
pub fn leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}
