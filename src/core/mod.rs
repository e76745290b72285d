//! The document core: everything the editor knows about a postmortem, as plain
//! Rust with no web crate. It never reads a clock, storage or the DOM: the
//! current time and ids come in as arguments.

/// A whole number written in ASCII digits only (no sign, no space), at most
/// 19 of them: the one integer reader of the core. `str::parse` takes a sign
/// and is compiled again for each integer type (half a kilobyte each in the
/// browser build).
pub fn whole_number(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 19 {
        return None;
    }
    s.bytes().try_fold(0u64, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0'))
    })
}

pub mod json;
pub mod markdown;
pub mod metrics;
pub mod model;
pub mod naming;
pub mod sample;
pub mod storage;
pub mod validate;
pub mod zones;

#[cfg(test)]
mod tests {
    use super::whole_number;

    #[test]
    fn whole_numbers_are_digits_only() {
        assert_eq!(whole_number("0"), Some(0));
        assert_eq!(whole_number("0042"), Some(42));
        assert_eq!(
            whole_number("9999999999999999999"),
            Some(9_999_999_999_999_999_999)
        );
        for refused in [
            "",
            "+1",
            "-1",
            " 1",
            "1 ",
            "1.0",
            "1e3",
            "12345678901234567890",
            "٣",
        ] {
            assert_eq!(whole_number(refused), None, "{refused:?}");
        }
    }
}
