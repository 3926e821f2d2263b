//! PostgreSQL's hash partitioning, computed as the server does (`compute_partition_hash_value`): each key
//! column's value goes through its type's extended hash function with the partition seed, the non-NULL
//! columns' hashes are folded with `hash_combine64`, and a partition `WITH (MODULUS m, REMAINDER r)` takes the
//! row when the result modulo `m` is `r`. Only the types whose hash fklint reproduces exactly are hashed:
//! `int2` / `int4` / `int8` (`hashint8extended`, equal to `hashint4extended` on the values both hold) and
//! `text` / `varchar` (`hashtextextended` under a deterministic collation: Bob Jenkins' lookup3 over the
//! UTF-8 bytes). Anything else leaves the row's partition unknown.

/// `HASH_PARTITION_SEED` (src/include/catalog/partition.h).
const PARTITION_SEED: u64 = 0x7A5B_2236_7996_DCFD;

/// A key column's value as the hash function reads it; `None` for NULL, which PostgreSQL leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HashDatum<'a> {
    Null,
    Int(i64),
    Text(&'a str),
}

/// The row's hash over its key columns, in key order (`compute_partition_hash_value`).
pub(super) fn row_hash(datums: &[HashDatum]) -> u64 {
    datums.iter().fold(0, |row, datum| match datum {
        HashDatum::Null => row,
        HashDatum::Int(v) => combine64(row, int8_hash(*v, PARTITION_SEED)),
        HashDatum::Text(s) => combine64(row, bytes_hash(s.as_bytes(), PARTITION_SEED)),
    })
}

/// `hash_combine64`: boost's hash_combine on 64 bits.
fn combine64(a: u64, b: u64) -> u64 {
    a ^ b
        .wrapping_add(0x49a0_f4dd_15e5_a8e3)
        .wrapping_add(a << 54)
        .wrapping_add(a >> 7)
}

/// `hashint8extended`: the high half is folded into the low one (complemented for negatives) so that a
/// value any integer type holds hashes alike in all of them.
fn int8_hash(value: i64, seed: u64) -> u64 {
    let high = (value >> 32) as u32;
    let low = value as u32 ^ if value >= 0 { high } else { !high };
    uint32_hash(low, seed)
}

/// lookup3's state after the seed (the seed is hashed as a 12-byte chunk padded with zeroes).
fn seeded_state(length: u32, seed: u64) -> [u32; 3] {
    let start = 0x9e37_79b9_u32.wrapping_add(length).wrapping_add(3_923_095);
    let mut state = [start; 3];
    if seed != 0 {
        state[0] = state[0].wrapping_add((seed >> 32) as u32);
        state[1] = state[1].wrapping_add(seed as u32);
        mix(&mut state);
    }
    state
}

/// `hash_bytes_uint32_extended`.
fn uint32_hash(k: u32, seed: u64) -> u64 {
    let mut state = seeded_state(4, seed);
    state[0] = state[0].wrapping_add(k);
    finish(&mut state);
    (u64::from(state[1]) << 32) | u64::from(state[2])
}

/// `hash_bytes_extended` on a little-endian machine (the servers fklint judges for).
fn bytes_hash(bytes: &[u8], seed: u64) -> u64 {
    // PostgreSQL takes the length as a uint32 (texts are at most 1 GB).
    let mut state = seeded_state(bytes.len() as u32, seed);
    let mut chunks = bytes.chunks_exact(12);
    for chunk in &mut chunks {
        for (word, slot) in chunk.chunks_exact(4).zip(state.iter_mut()) {
            *slot = slot.wrapping_add(u32::from_le_bytes([word[0], word[1], word[2], word[3]]));
        }
        mix(&mut state);
    }
    // The last 0..11 bytes: little-endian into a, b, then c from its second byte (its lowest byte is the
    // length's in the original lookup3, unused here but kept free).
    for (i, &byte) in chunks.remainder().iter().enumerate() {
        let (slot, shift) = match i {
            0..=7 => (i / 4, 8 * (i % 4)),
            _ => (2, 8 * (i - 7)),
        };
        state[slot] = state[slot].wrapping_add(u32::from(byte) << shift);
    }
    finish(&mut state);
    (u64::from(state[1]) << 32) | u64::from(state[2])
}

/// lookup3's `mix`: six steps, each on the next of a, b, c in turn (`a -= c; a ^= rot(c, 4); c += b;`,
/// then b from a, c from b, ...).
fn mix(s: &mut [u32; 3]) {
    for (step, bits) in [4, 6, 8, 16, 19, 4].into_iter().enumerate() {
        let (x, y, z) = (step % 3, (step + 2) % 3, (step + 1) % 3);
        s[x] = s[x].wrapping_sub(s[y]) ^ s[y].rotate_left(bits);
        s[y] = s[y].wrapping_add(s[z]);
    }
}

/// lookup3's `final`: seven steps, c, a, b in turn (`c ^= b; c -= rot(b, 14);`, then a from c, ...).
fn finish(s: &mut [u32; 3]) {
    for (step, bits) in [14, 11, 25, 16, 4, 14, 24].into_iter().enumerate() {
        let x = (step + 2) % 3;
        let y = (x + 2) % 3;
        s[x] = (s[x] ^ s[y]).wrapping_sub(s[y].rotate_left(bits));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As PostgreSQL 15.18 prints them (signed): `hashint8extended(v, 8816678312871386365)` (the partition seed).
    #[test]
    fn integers_hash_as_on_the_server() {
        let cases: [(i64, i64); 8] = [
            (-2000, -8719508502245395359),
            (-1, -5017072347659237694),
            (0, -4403592609991167795),
            (1, 5968994663651403477),
            (2500, 3246695657622846433),
            (4294967296, 5968994663651403477),
            (i64::MAX, 4938542303000433043),
            (i64::MIN, -6050265599104649060),
        ];
        for (value, server) in cases {
            assert_eq!(int8_hash(value, PARTITION_SEED), server as u64, "{value}");
        }
    }

    /// `hashtextextended(v, 8816678312871386365)`: every tail length of lookup3 (0 to 11 bytes after the
    /// 12-byte blocks), several blocks, and multibyte UTF-8.
    #[test]
    fn texts_hash_as_on_the_server() {
        let cases: [(&str, i64); 14] = [
            ("", -5700645584453517373),
            ("x", 862710693865977740),
            ("th", 293928728867656164),
            ("abx", 5472830297044865946),
            ("the ", -5478316869032009472),
            ("abababx", 6162011378775183834),
            ("the quic", -8985289091011769753),
            ("ababababx", -8465956891431104043),
            ("abababababx", 8255433640615968188),
            ("the quick br", 6614728828675806658),
            ("ababababababx", -1036705302914926795),
            ("the quick brown fox jump", 4928840728475430839),
            ("ababababababababababababababx", -6951424822620631311),
            (
                "abababababababababababababababababababababx",
                1344169172715570616,
            ),
        ];
        for (text, server) in cases {
            assert_eq!(
                bytes_hash(text.as_bytes(), PARTITION_SEED),
                server as u64,
                "{text:?}"
            );
        }
    }

    /// Rows of a table `PARTITION BY HASH (a int, t text, b bigint)` with seven partitions of modulus 7, and
    /// the partition PostgreSQL 15.18 put each in (NULLs are left out of the hash).
    #[test]
    fn rows_land_where_the_server_put_them() {
        use HashDatum::{Int, Null, Text};
        let cases: [([HashDatum; 3], u64); 11] = [
            ([Int(-149), Text("k1"), Int(100003)], 0),
            ([Null, Null, Int(14300429)], 0),
            ([Null, Text("k165"), Int(16500495)], 0),
            ([Int(19), Null, Int(16900507)], 0),
            ([Null, Null, Int(0)], 4),
            ([Int(-145), Text("k5"), Int(500015)], 1),
            ([Int(-137), Null, Int(1300039)], 1),
            ([Int(-146), Text("k4"), Int(400012)], 2),
            ([Int(-147), Text("k3"), Int(300009)], 3),
            ([Int(-144), Text("k6"), Int(600018)], 5),
            ([Int(-148), Text("k2"), Int(200006)], 6),
        ];
        for (row, partition) in cases {
            assert_eq!(row_hash(&row) % 7, partition, "{row:?}");
        }
    }
}
