news_core::fast_allocator!();

fn main() -> std::process::ExitCode {
    match news_entities::cli::parse_args() {
        Ok(cli) => news_entities::cli::main(cli).into(),
        Err(status) => status.into(),
    }
}
