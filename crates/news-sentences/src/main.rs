news_core::fast_allocator!();

fn main() -> std::process::ExitCode {
    match news_sentences::cli::parse_args() {
        Ok(cli) => news_sentences::cli::main(cli).into(),
        Err(status) => status.into(),
    }
}
