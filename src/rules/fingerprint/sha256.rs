//! SHA-256 (FIPS 180-4) for the fingerprint: the padding and the block buffer, and two
//! compression functions.
//!
//! - Natively the `sha2` crate compresses (with the CPU's SHA instructions where there are some).
//! - In the Wasm module a compact loop does: `sha2`'s unrolled compression and its generic
//!   buffering weighed 1.6 KB gzipped of the module's 64 KiB budget, for no speed gained in
//!   the browser (measured on the typical quote).
//! - The loop is checked against `sha2` natively (block by block, and whole digests of every
//!   length from 0 to 300 bytes); the browser tests compare every vector's fingerprint with the
//!   native one.

/// Round constants: the first 32 bits of the fractional parts of the cube roots of the first 64
/// primes.
const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// Initial state: the first 32 bits of the fractional parts of the square roots of the first 8
/// primes.
const H0: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// A running hash: the state after the whole blocks so far, and the bytes of the next block.
#[derive(Clone)]
pub(crate) struct Sha256 {
    state: [u32; 8],
    block: [u8; 64],
    filled: usize,
    /// Bytes hashed, in whole blocks.
    blocks_len: u64,
}

impl Sha256 {
    pub(crate) fn new() -> Sha256 {
        Sha256 {
            state: H0,
            block: [0; 64],
            filled: 0,
            blocks_len: 0,
        }
    }

    #[inline]
    pub(crate) fn byte(&mut self, b: u8) {
        if let Some(slot) = self.block.get_mut(self.filled) {
            *slot = b;
            self.filled += 1;
        }
        if self.filled == 64 {
            self.compress_block();
        }
    }

    pub(crate) fn update(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let room = 64 - self.filled;
            let (now, rest) = bytes.split_at(room.min(bytes.len()));
            if let Some(slots) = self.block.get_mut(self.filled..self.filled + now.len()) {
                slots.copy_from_slice(now);
            }
            self.filled += now.len();
            if self.filled == 64 {
                self.compress_block();
            }
            bytes = rest;
        }
    }

    fn compress_block(&mut self) {
        #[cfg(target_arch = "wasm32")]
        compress(&mut self.state, &self.block);
        #[cfg(not(target_arch = "wasm32"))]
        sha2::compress256(&mut self.state, &[self.block.into()]);
        self.filled = 0;
        self.blocks_len += 64;
    }

    /// The digest: padding (a 1 bit, zeros, the length in bits) and the state's words, big-endian.
    pub(crate) fn finalize(mut self) -> [u8; 32] {
        let bits = (self.blocks_len + self.filled as u64).wrapping_mul(8);
        self.byte(0x80);
        if self.filled > 56 {
            self.update(&[0; 8]);
        }
        let pad = [0; 56];
        self.update(pad.get(..56 - self.filled).unwrap_or_default());
        self.update(&bits.to_be_bytes());
        let mut out = [0; 32];
        for (bytes, word) in out.chunks_exact_mut(4).zip(self.state) {
            bytes.copy_from_slice(&word.to_be_bytes());
        }
        out
    }
}

/// One 64-byte block into the state.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
// The indices are loop counters below 64 on arrays of 64: no index can be out of range.
#[allow(clippy::indexing_slicing)]
fn compress(state: &mut [u32; 8], block: &[u8; 64]) {
    let mut w = [0u32; 64];
    for i in 0..16 {
        w[i] = u32::from_be_bytes([block[4 * i], block[4 * i + 1], block[4 * i + 2], block[4 * i + 3]]);
    }
    for i in 16..64 {
        let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
        let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
    }
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
    for i in 0..64 {
        let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
        let ch = (e & f) ^ (!e & g);
        let t1 = h
            .wrapping_add(s1)
            .wrapping_add(ch)
            .wrapping_add(K[i])
            .wrapping_add(w[i]);
        let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
        let maj = (a & b) ^ (a & c) ^ (b & c);
        let t2 = s0.wrapping_add(maj);
        h = g;
        g = f;
        f = e;
        e = d.wrapping_add(t1);
        d = c;
        c = b;
        b = a;
        a = t1.wrapping_add(t2);
    }
    for (s, v) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
        *s = s.wrapping_add(v);
    }
}

// Natively, where `sha2` is there to compare with.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::{compress, Sha256};
    use sha2::Digest;

    fn hex(digest: &[u8]) -> String {
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn r15_fips_examples() {
        let mut h = Sha256::new();
        h.update(b"abc");
        assert_eq!(
            hex(&h.finalize()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let mut h = Sha256::new();
        h.update(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
        assert_eq!(
            hex(&h.finalize()),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        assert_eq!(
            hex(&Sha256::new().finalize()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn r15_the_compact_compression_is_sha2s() {
        let mut ours = super::H0;
        let mut theirs = super::H0;
        for round in 0..200u32 {
            let mut block = [0u8; 64];
            for (i, b) in block.iter_mut().enumerate() {
                *b = (round.wrapping_mul(2_654_435_761) >> (i % 24)) as u8 ^ i as u8;
            }
            compress(&mut ours, &block);
            sha2::compress256(&mut theirs, &[block.into()]);
            assert_eq!(ours, theirs, "block {round}");
        }
    }

    #[test]
    fn r15_same_digest_as_the_sha2_crate_for_every_length_and_split() {
        let data: Vec<u8> = (0..300u32).map(|i| (i * 131 + 7) as u8).collect();
        for len in 0..data.len() {
            let input = data.get(..len).unwrap_or_default();
            let expected = hex(&sha2::Sha256::digest(input));
            // Whole, byte by byte, and in two pieces: a third in, and on each side of the
            // padding's limit (55/56 bytes in a block) and of the block boundaries.
            let mut whole = Sha256::new();
            whole.update(input);
            assert_eq!(hex(&whole.finalize()), expected, "length {len}");
            let mut bytes = Sha256::new();
            input.iter().for_each(|b| bytes.byte(*b));
            assert_eq!(hex(&bytes.finalize()), expected, "length {len}, byte by byte");
            for at in [len / 3, 55, 56, 63, 64, 65, 119, 120, 127, 128]
                .into_iter()
                .filter(|at| *at <= len)
            {
                let (a, b) = input.split_at(at);
                let mut split = Sha256::new();
                split.update(a);
                split.update(b);
                assert_eq!(hex(&split.finalize()), expected, "length {len}, split at {at}");
            }
        }
    }
}
