//! Mutations of seed inputs: the byte-level edits coverage-guided fuzzers start from (flips,
//! inserts, deletes, splices between seeds, repeated chunks) and the edits that find parser bugs
//! fastest: huge and odd numbers, deep nesting, invalid UTF-8, the input's own tokens.

/// SplitMix64: small, fast, and the same sequence on every platform for a seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Small numbers mostly, now and then a large one.
    pub fn length(&mut self, max: usize) -> usize {
        let cap = if self.below(8) == 0 { max } else { max.min(16) };
        self.below(cap.max(1)) + 1
    }
}

/// Numbers at the edges of the integer and float types, and forms parsers get wrong.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-1",
    "255",
    "256",
    "65535",
    "65536",
    "2147483647",
    "2147483648",
    "-2147483649",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999999999999999999",
    "1e308",
    "1e309",
    "-1e309",
    "1e-400",
    "0.1",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "1_000",
    "0x7f",
    "0o7",
    "0b1",
    "+1",
    "1.",
    ".5",
    "1e",
    "00",
    "4096",
    "4097",
];

/// Bytes that are not UTF-8: a lone continuation byte, an overlong form, a surrogate, beyond
/// U+10FFFF, a sequence cut short, a BOM and a NUL.
const NOT_UTF8: &[&[u8]] =
    &[b"\xff", b"\x80", b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82", b"\xef\xbb\xbf", b"\x00"];

/// Characters that change a line, column or width count: a combining mark, a wide emoji, a
/// zero-width joiner, a right-to-left mark, CR, a tab.
const TRICKY_TEXT: &[&str] =
    &["\u{301}", "🌸", "👩\u{200d}👩\u{200d}👧", "\u{200f}", "\r", "\r\n", "\t", "\u{feff}", "İ", "ß", "\u{fffd}"];

/// One input made from `seeds` by one to a few edits.
pub fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], dictionary: &[Vec<u8>], max_len: usize) -> Vec<u8> {
    let mut data = if seeds.is_empty() { Vec::new() } else { rng.pick(seeds).clone() };
    let edits = if rng.below(4) == 0 { rng.below(16) + 1 } else { rng.below(3) + 1 };
    for _ in 0..edits {
        edit(rng, &mut data, seeds, dictionary);
        data.truncate(max_len);
    }
    data
}

fn edit(rng: &mut Rng, data: &mut Vec<u8>, seeds: &[Vec<u8>], dictionary: &[Vec<u8>]) {
    let at = |rng: &mut Rng, data: &[u8]| rng.below(data.len() + 1);
    match rng.below(14) {
        0 if !data.is_empty() => {
            let i = rng.below(data.len());
            data[i] ^= 1 << rng.below(8);
        }
        1 if !data.is_empty() => {
            let i = rng.below(data.len());
            data[i] = *rng.pick(b"\x00\x01\x7f\x80\xff\"'\\\n[]{}<>=,;:#&.-0");
        }
        2 => {
            let i = at(rng, data);
            let n = rng.length(8);
            let bytes: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
            data.splice(i..i, bytes);
        }
        3 if !data.is_empty() => {
            let i = rng.below(data.len());
            let n = rng.length(data.len() - i).min(data.len() - i);
            data.drain(i..i + n);
        }
        4 if !data.is_empty() => {
            // Repeat a chunk: long keys, long lines, many entries.
            let i = rng.below(data.len());
            let n = rng.length(64).min(data.len() - i);
            let chunk = data[i..i + n].to_vec();
            let times = if rng.below(4) == 0 { rng.below(2000) + 2 } else { rng.below(8) + 2 };
            let repeated: Vec<u8> = chunk.iter().copied().cycle().take(n * times).collect();
            data.splice(i..i, repeated);
        }
        5 if !seeds.is_empty() => {
            // Splice: a piece of another seed, inserted or replacing a piece of this one.
            let other = rng.pick(seeds);
            if !other.is_empty() {
                let from = rng.below(other.len());
                let n = rng.length(other.len() - from).min(other.len() - from);
                let i = at(rng, data);
                let replace = if rng.below(2) == 0 { rng.below(data.len() - i + 1) } else { 0 };
                data.splice(i..i + replace, other[from..from + n].iter().copied());
            }
        }
        6 if !dictionary.is_empty() => {
            let i = at(rng, data);
            let token = rng.pick(dictionary).clone();
            data.splice(i..i, token);
        }
        7 => {
            // A number: replacing a run of digits if there is one here, else inserted.
            let number = rng.pick(NUMBERS).as_bytes().to_vec();
            let i = at(rng, data);
            let end = data[i..].iter().position(|b| !b.is_ascii_digit()).map_or(data.len(), |n| i + n);
            data.splice(i..end, number);
        }
        8 => {
            // Deep nesting.
            let (open, close): (&[u8], &[u8]) = *rng.pick(&[
                (&b"["[..], &b"]"[..]),
                (b"{\"a\":", b"}"),
                (b"a={", b"}"),
                (b"[[", b"]]"),
                (b"<b>", b"</b>"),
                (b"\"", b"\""),
                (b"{{", b"}}"),
            ]);
            let depth = if rng.below(3) == 0 { rng.below(20_000) + 1 } else { rng.below(200) + 1 };
            let i = at(rng, data);
            let mut nested = open.repeat(depth);
            if rng.below(2) == 0 {
                nested.extend(close.repeat(depth));
            }
            data.splice(i..i, nested);
        }
        9 => {
            let i = at(rng, data);
            data.splice(i..i, rng.pick(NOT_UTF8).iter().copied());
        }
        10 => {
            let i = at(rng, data);
            // Keep the text's characters whole where possible: step back to a boundary.
            let i = (0..=i).rev().find(|&j| j == data.len() || j == 0 || (data[j] & 0xc0) != 0x80).unwrap_or(0);
            data.splice(i..i, rng.pick(TRICKY_TEXT).bytes());
        }
        11 if !data.is_empty() => {
            let keep = rng.below(data.len());
            data.truncate(keep);
        }
        12 if data.len() > 1 => {
            // Swap two pieces: fields out of order.
            let a = rng.below(data.len());
            let b = rng.below(data.len());
            let (a, b) = (a.min(b), a.max(b));
            let n = rng.length(b - a).min(b - a).min(data.len() - b);
            for k in 0..n {
                data.swap(a + k, b + k);
            }
        }
        _ => {
            // A dictionary token in place of a piece.
            if let Some(token) = (!dictionary.is_empty()).then(|| rng.pick(dictionary).clone()) {
                let i = at(rng, data);
                let n = rng.length(16).min(data.len() - i);
                data.splice(i..i + n, token);
            }
        }
    }
}
