//! The wasm API in headless Chromium: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p fklint-wasm
//! --target wasm32-unknown-unknown --test browser`. The browser options (no sandbox when run as root) are in
//! webdriver.json beside Cargo.toml. The suite is the one node.rs runs.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod suite;

use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn runs_in_a_browser() {
    // `window` exists only in a browser: proof that this file did not fall back to Node.js.
    let global = js_sys::global();
    let window = js_sys::Reflect::get(&global, &"window".into()).unwrap();
    assert!(window.is_object(), "expected to run in a browser");
}
