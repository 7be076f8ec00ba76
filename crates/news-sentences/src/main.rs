// Records make many small strings, vectors and JSON maps, where mimalloc is
// much faster than the system allocator (news-group keeps the system one: its
// target is peak memory).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    match news_sentences::cli::parse_args() {
        Ok(cli) => news_sentences::cli::main(cli).into(),
        Err(status) => status.into(),
    }
}
