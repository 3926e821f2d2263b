//! The wasm API in Node.js: `cargo test -p fklint-wasm --target wasm32-unknown-unknown --test node`
//! (runner: wasm-bindgen-test-runner, see .cargo/config.toml). The same suite runs in Chromium (browser.rs).
#![cfg(target_arch = "wasm32")]

mod suite;
