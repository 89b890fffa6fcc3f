//! Password hashing with Argon2id (memory-hard), PHC strings in the database.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

pub fn hash(password: &str) -> anyhow::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no system randomness: {e}"))?;
    let salt = SaltString::encode_b64(&bytes).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("cannot hash password: {e}"))
}

pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// Why a new password is refused, in Thai; None when it is acceptable.
pub fn weakness(password: &str, username: &str) -> Option<crate::error::Problem> {
    use crate::error::Problem;
    if password.chars().count() < 10 {
        return Some(Problem::PasswordShort { min: 10 });
    }
    if password.to_lowercase().contains(&username.to_lowercase()) {
        return Some(Problem::PasswordHasUsername);
    }
    None
}

/// A random password for a new account, easy to read aloud (no 0/O, 1/l).
pub fn generate() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 14];
    getrandom::fill(&mut bytes).expect("the system random source");
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_only_the_right_password() {
        let h = hash("ผักบุ้ง-ไฟแดง-2566").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("ผักบุ้ง-ไฟแดง-2566", &h));
        assert!(!verify("ผักบุ้ง-ไฟแดง-2567", &h));
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn refuses_weak_passwords() {
        assert!(weakness("short", "somchai").is_some());
        assert!(weakness("somchai-2566-xx", "somchai").is_some());
        assert!(weakness("correct horse battery", "somchai").is_none());
        assert_eq!(generate().len(), 14);
        assert_ne!(generate(), generate());
    }
}
