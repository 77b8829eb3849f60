//! The SPA's entry point.

// talc instead of Rust's default wasm allocator (dlmalloc): its documented set-up for single-threaded wasm,
// measured 2026-11-27 at −3.3 KB of gzipped wasm, and faster by its authors' benchmarks.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    yew::Renderer::<studio_frontend::app::App>::new().render();
}
