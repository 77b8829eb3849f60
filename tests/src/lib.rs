//! Shared helpers live in each test file; this crate only hosts integration tests.
