fn main() -> std::process::ExitCode {
    match news_group::cli::parse_args() {
        Ok(cli) => news_group::cli::main(cli).into(),
        Err(status) => status.into(),
    }
}
