# Sourced by scripts/full-archive and scripts/fetch-archive: which full archive the tests
# expect, and where scripts/fetch-archive keeps its copy. The tests' expectations (667 files,
# issues #1 to #665) are those of rust-lang/this-week-in-rust's content/ at this commit
# (2026-08-21); .github/workflows/ci.yml checks out the same commit.
TWIR_ARCHIVE_COMMIT="${TWIR_ARCHIVE_COMMIT:-d592478f2b2fe16fd2767ff2fdd692cf858f9059}"
# Where scripts/fetch-archive clones from; a test points it at a local repository.
TWIR_ARCHIVE_REPO="${TWIR_ARCHIVE_REPO:-https://github.com/rust-lang/this-week-in-rust.git}"
TWIR_ARCHIVE_CACHE="${TWIR_ARCHIVE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/twir-explorer}"
TWIR_ARCHIVE_CACHED="$TWIR_ARCHIVE_CACHE/this-week-in-rust-$TWIR_ARCHIVE_COMMIT/content"
