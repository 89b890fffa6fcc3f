//! A small seeded generator (SplitMix64): the same seed gives the same dataset on every machine
//! and every version, which a library's unspecified algorithm would not promise.

pub struct Rng(u64);

impl Rng {
    /// A stream for one part of the dataset (a tambon in a year, an LAO in a year), so that a
    /// province comes out the same whether generated alone or with the whole country.
    pub fn for_part(seed: u64, part: &str, year: i64) -> Rng {
        let mut h =
            seed ^ 0x9E37_79B9_7F4A_7C15 ^ (year as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        for b in part.bytes() {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01B3);
        }
        Rng(h)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform in lo..=hi.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as i64
    }

    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Log-normal around `median` with spread `sigma` (Box–Muller).
    pub fn log_normal(&mut self, median: f64, sigma: f64) -> f64 {
        let (u1, u2) = (self.unit().max(1e-12), self.unit());
        let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
        median * (sigma * z).exp()
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }

    /// An index drawn by weight.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let mut x = self.unit() * weights.iter().sum::<f64>();
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_part_gives_the_same_numbers() {
        let a: Vec<u64> = (0..5)
            .map(|_| Rng::for_part(1, "560114", 2569).next_u64())
            .collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut r = Rng::for_part(1, "560114", 2569);
        let mut s = Rng::for_part(1, "560114", 2570);
        assert_ne!(r.next_u64(), s.next_u64());
        let mean = (0..20_000).map(|_| r.log_normal(27.5, 0.42)).sum::<f64>() / 20_000.0;
        assert!((28.0..32.0).contains(&mean), "mean {mean}");
    }
}
