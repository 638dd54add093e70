//! The bundle's sizes as a static host serves them: each keyed file raw and gzipped at
//! levels 6 and 9, the record files together, and the body files together (`twir bench`).

use super::Bundle;
use std::fmt;
use twir_archive::bundle::MANIFEST_FILE;

/// What [`Bundle::sizes`] measured.
pub struct Sizes {
    /// The manifest and each keyed file: (path, bytes, gzip -6, gzip -9).
    pub files: Vec<(String, usize, usize, usize)>,
    /// Every file but the manifest and the bodies, gzipped at -6 and -9.
    pub records: (usize, usize),
    /// How many body files, and their bytes gzipped at -6.
    pub bodies: (usize, usize),
}

impl Bundle {
    /// The sizes of every file, `gzip(bytes, level)` giving the gzipped length.
    pub fn sizes(&self, gzip: impl Fn(&[u8], u32) -> usize) -> Sizes {
        let manifest = self.manifest_json();
        let all = std::iter::once((MANIFEST_FILE, manifest.as_slice())).chain(
            self.files
                .iter()
                .map(|f| (f.path.as_str(), f.bytes.as_slice())),
        );
        let mut sizes = Sizes {
            files: Vec::new(),
            records: (0, 0),
            bodies: (0, 0),
        };
        for (name, bytes) in all {
            if name.starts_with("issues/") || name.starts_with("posts/") {
                sizes.bodies.0 += 1;
                sizes.bodies.1 += gzip(bytes, 6);
                continue;
            }
            let (g6, g9) = (gzip(bytes, 6), gzip(bytes, 9));
            if name != MANIFEST_FILE {
                sizes.records.0 += g6;
                sizes.records.1 += g9;
            }
            sizes.files.push((name.to_string(), bytes.len(), g6, g9));
        }
        sizes
    }
}

impl fmt::Display for Sizes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<34} {:>10} {:>10} {:>10}",
            "bundle file", "bytes", "gzip -6", "gzip -9"
        )?;
        for (name, bytes, g6, g9) in &self.files {
            writeln!(f, "{name:<34} {bytes:>10} {g6:>10} {g9:>10}")?;
        }
        writeln!(
            f,
            "records (every file but the manifest and bodies), gzipped: {} KB at -6, {} KB at -9 (target < 1600 KB)",
            self.records.0 / 1000,
            self.records.1 / 1000
        )?;
        writeln!(
            f,
            "issue bodies: {} files, {} KB gzipped at -6 in all",
            self.bodies.0,
            self.bodies.1 / 1000
        )
    }
}
