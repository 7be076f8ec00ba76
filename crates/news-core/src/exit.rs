//! The one exit-code table shared by every news-tools binary.
//!
//! | code | meaning |
//! |------|---------|
//! | 0 | every record was processed (a closed stdout, as with `| head`, also counts as success) |
//! | 1 | some records were rejected; each was reported on stderr (and written to `--rejects`) |
//! | 2 | usage error, I/O error or another fatal error |

/// How a run ended. Convert with `std::process::ExitCode::from`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// Everything was processed.
    Success,
    /// At least one record was rejected and reported.
    Rejected,
    /// Usage, I/O or another fatal error.
    Fatal,
}

impl ExitStatus {
    /// The numeric exit code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Rejected => 1,
            ExitStatus::Fatal => 2,
        }
    }
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        std::process::ExitCode::from(status.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_documented_table() {
        assert_eq!(ExitStatus::Success.code(), 0);
        assert_eq!(ExitStatus::Rejected.code(), 1);
        assert_eq!(ExitStatus::Fatal.code(), 2);
    }
}
