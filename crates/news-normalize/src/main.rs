news_core::fast_allocator!();

fn main() -> std::process::ExitCode {
    match news_normalize::cli::parse_args() {
        Ok(cli) => news_normalize::cli::main(cli).into(),
        Err(status) => status.into(),
    }
}
