news_core::fast_allocator!();

fn main() -> std::process::ExitCode {
    match news_fingerprint::cli::parse_args() {
        Ok(cli) => news_fingerprint::cli::main(cli).into(),
        Err(status) => status.into(),
    }
}
