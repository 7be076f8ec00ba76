//! Byte tests eight bytes at a time ("SIMD within a register"): each
//! answers with the high bit of every byte of a `u64` that passes.

/// The high bit of every byte.
pub const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// `b` in every byte.
#[inline]
pub const fn each(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// The high bit of each byte of `x` in `lo..=hi`, both ASCII.
#[inline]
pub fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    debug_assert!(lo <= hi && hi < 0x80);
    // On seven-bit bytes, adding 128 - lo sets the high bit just when the
    // byte is at least lo, and no byte carries into the next.
    let low = x & LOW7;
    let at_least = low.wrapping_add(each(128 - lo));
    let above = low.wrapping_add(each(127 - hi));
    at_least & !above & !x & HIGH_BITS
}

/// The high bit of each byte of `x` that is `b`.
#[inline]
pub fn equal(x: u64, b: u8) -> u64 {
    let t = x ^ each(b);
    // a byte of `t` is zero just when neither its low seven bits carry
    // into its high bit nor its high bit is set
    !((t & LOW7).wrapping_add(LOW7) | t) & HIGH_BITS
}

/// The high bit of each byte of `x` that is an ASCII letter or digit.
#[inline]
pub fn ascii_alnum(x: u64) -> u64 {
    // setting bit 5 maps A-Z onto a-z, and nothing else into a-z (the
    // high bit is kept: bytes of other characters stay out)
    in_range(x, b'0', b'9') | in_range(x | each(0x20), b'a', b'z')
}

/// The eight bytes at `i`, first byte lowest; zeros past the end.
#[inline]
pub fn load_le(bytes: &[u8], i: usize) -> u64 {
    match bytes.get(i..i + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
        None => bytes[i..]
            .iter()
            .rev()
            .fold(0, |v, &b| v << 8 | u64::from(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every position, among bytes of other values.
    fn check(test: impl Fn(u64) -> u64, byte_test: impl Fn(u8) -> bool) {
        for fill in [0x00u8, 0x20, 0x41, 0x7F, 0x80, 0xFF] {
            for b in 0..=255u8 {
                for at in 0..8 {
                    let mut bytes = [fill; 8];
                    bytes[at] = b;
                    let want = bytes
                        .iter()
                        .enumerate()
                        .filter(|(_, &b)| byte_test(b))
                        .fold(0u64, |m, (k, _)| m | 0x80 << (8 * k));
                    assert_eq!(test(u64::from_le_bytes(bytes)), want, "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn ranges_agree_with_the_byte_tests() {
        check(|x| in_range(x, 0x21, 0x7E), |b| (0x21..=0x7E).contains(&b));
        check(|x| in_range(x, b'0', b'9'), |b| b.is_ascii_digit());
        check(|x| in_range(x, 0, 0x7F), |b| b.is_ascii());
        check(ascii_alnum, |b| b.is_ascii_alphanumeric());
    }

    #[test]
    fn equality_agrees_with_the_byte_test() {
        for target in [0x00, b' ', b'\n', 0x7F, 0x80, 0xFF] {
            check(|x| equal(x, target), |b| b == target);
        }
    }

    #[test]
    fn loads_pad_with_zeros() {
        assert_eq!(load_le(b"abc", 0), u64::from_le_bytes(*b"abc\0\0\0\0\0"));
        assert_eq!(load_le(b"abcdefghij", 2), u64::from_le_bytes(*b"cdefghij"));
        assert_eq!(
            load_le(b"abcdefghij", 5),
            u64::from_le_bytes(*b"fghij\0\0\0")
        );
    }
}
