//! The SPA's entry point.

fn main() {
    yew::Renderer::<studio_frontend::app::App>::new().render();
}
