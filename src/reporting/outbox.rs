//! Mail waiting to be sent. Reminders put mail here in their own transaction; `drain` hands it,
//! oldest first, to a sender: a command (`ONEPLAN_MAIL_COMMAND`, e.g. `/usr/sbin/sendmail -t`)
//! that reads one RFC 5322 message on stdin. Exit code 0 means sent; anything else is kept with
//! the error and tried again on the next drain.

use crate::audit::{self, Actor, Change};
use crate::db::{self, Db, now_text};
use std::io::{Read, Write};
use std::time::{Duration, Instant};

/// After this many failed attempts a mail is left alone (it stays in the table, with its error).
pub const MAX_ATTEMPTS: i64 = 10;

/// How long a mail command may take before it is stopped and counted as failed.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Mail {
    pub id: i64,
    pub to_user_id: Option<i64>,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub created_at: String,
    pub attempts: i64,
}

/// Puts a mail in the outbox, inside the caller's transaction.
pub async fn enqueue(
    conn: &mut crate::db::Tx,
    to_user_id: Option<i64>,
    to_address: &str,
    subject: &str,
    body: &str,
) -> anyhow::Result<i64> {
    Ok(db::query_scalar(
        "INSERT INTO outbox (to_user_id, to_address, subject, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(to_user_id)
    .bind(to_address)
    .bind(subject)
    .bind(body)
    .bind(now_text())
    .fetch_one(conn)
    .await?)
}

/// Who sends, and as whom.
#[derive(Debug, Clone)]
pub struct Sender {
    /// A shell command line that reads the message on stdin; None: nothing can be sent.
    pub command: Option<String>,
    /// The From address, e.g. `oneplan@province.go.th`.
    pub from: String,
}

impl Sender {
    /// `ONEPLAN_MAIL_COMMAND` and `ONEPLAN_MAIL_FROM` (default `oneplan@localhost`).
    pub fn from_env() -> Sender {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        Sender {
            command: var("ONEPLAN_MAIL_COMMAND"),
            from: var("ONEPLAN_MAIL_FROM").unwrap_or_else(|| "oneplan@localhost".into()),
        }
    }
}

/// What a drain did.
#[derive(Debug, Default)]
pub struct Drained {
    pub sent: usize,
    pub failed: usize,
    /// In a dry run, each message as it would have been sent.
    pub would_send: Vec<String>,
}

/// Unsent mail, oldest first.
pub async fn unsent(db: &Db) -> anyhow::Result<Vec<Mail>> {
    Ok(db::query_as::<Mail>(
        "SELECT id, to_user_id, to_address, subject, body, created_at, attempts FROM outbox \
         WHERE sent_at IS NULL AND attempts < $1 ORDER BY id",
    )
    .bind(MAX_ATTEMPTS)
    .fetch_all(db)
    .await?)
}

/// Sends the unsent mail. Each result is written as soon as it is known, so a drain that stops
/// half-way never sends a mail twice.
pub async fn drain(db: &Db, sender: &Sender, dry_run: bool) -> anyhow::Result<Drained> {
    let mut out = Drained::default();
    let mails = unsent(db).await?;
    if dry_run {
        out.would_send = mails.iter().map(|m| message(m, &sender.from)).collect();
        return Ok(out);
    }
    let Some(command) = sender.command.clone() else {
        anyhow::bail!(
            "ไม่ได้กำหนด ONEPLAN_MAIL_COMMAND (เช่น /usr/sbin/sendmail -t) จึงส่งอีเมลไม่ได้; ใช้ --dry-run เพื่อดูอีเมลที่รอส่ง"
        );
    };
    for mail in mails {
        let text = message(&mail, &sender.from);
        let command = command.clone();
        let result = tokio::task::spawn_blocking(move || run(&command, text.as_bytes()))
            .await
            .unwrap_or_else(|e| Err(format!("{e}")));
        let mut tx = db.begin_write().await?;
        match &result {
            Ok(()) => {
                db::query(
                    "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, last_error = '' WHERE id = $2",
                )
                .bind(now_text())
                .bind(mail.id)
                .execute(&mut tx)
                .await?;
                out.sent += 1;
            }
            Err(e) => {
                db::query(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = $1 WHERE id = $2",
                )
                .bind(e)
                .bind(mail.id)
                .execute(&mut tx)
                .await?;
                out.failed += 1;
            }
        }
        audit::record(
            &mut tx,
            &Actor::system("outbox"),
            Change {
                action: if result.is_ok() {
                    "send"
                } else {
                    "send_failed"
                },
                entity: "outbox",
                entity_key: mail.id.to_string(),
                area_code: String::new(),
                lao_id: None,
                before: None,
                after: None,
                note: match &result {
                    Ok(()) => mail.to_address.clone(),
                    Err(e) => format!("{}: {e}", mail.to_address),
                },
            },
        )
        .await?;
        tx.commit().await?;
    }
    Ok(out)
}

/// Runs the command with the message on stdin: Ok on exit code 0, else the error to keep.
fn run(command: &str, message: &[u8]) -> Result<(), String> {
    let mut child = std::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {command}: {e}"))?;
    // stderr is read on its own thread so a chatty command cannot fill the pipe and hang
    let mut stderr = child.stderr.take();
    let errors = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(e) = stderr.as_mut() {
            let _ = e.read_to_string(&mut s);
        }
        s
    });
    let written = child
        .stdin
        .take()
        .map(|mut stdin| stdin.write_all(message))
        .unwrap_or(Ok(()));
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) if started.elapsed() > COMMAND_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                break Err(format!(
                    "{command}: no answer in {COMMAND_TIMEOUT:?}, stopped"
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => break Err(e.to_string()),
        }
    };
    let errors = errors.join().unwrap_or_default();
    let status = status?;
    if status.success() {
        return written.map_err(|e| format!("{command}: {e}"));
    }
    let detail = errors.trim();
    let mut error = match status.code() {
        Some(code) => format!("exit status {code}"),
        None => "stopped by a signal".to_string(),
    };
    if !detail.is_empty() {
        error = format!("{error}: {detail}");
    }
    Err(truncate(&error, 500))
}

fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// The mail as an RFC 5322 message: UTF-8 text, the subject as encoded words. Lines end in LF,
/// as local mail commands (sendmail and its likes) expect on stdin.
pub fn message(mail: &Mail, from: &str) -> String {
    let date = time::OffsetDateTime::parse(
        &mail.created_at,
        &time::format_description::well_known::Rfc3339,
    )
    .ok()
    .and_then(|t| {
        t.format(&time::format_description::well_known::Rfc2822)
            .ok()
    })
    .unwrap_or_default();
    let body = mail.body.replace("\r\n", "\n");
    let mut m = String::new();
    m.push_str(&format!(
        "From: {} <{}>\n",
        encoded_words("แผนเดียวกัน"),
        clean(from)
    ));
    m.push_str(&format!("To: {}\n", clean(&mail.to_address)));
    m.push_str(&format!("Subject: {}\n", encoded_words(&mail.subject)));
    if !date.is_empty() {
        m.push_str(&format!("Date: {date}\n"));
    }
    m.push_str(&format!(
        "Message-ID: <outbox-{}.{}@oneplan>\n",
        mail.id,
        mail.created_at.replace([':', '-'], "")
    ));
    m.push_str("MIME-Version: 1.0\n");
    m.push_str("Content-Type: text/plain; charset=utf-8\n");
    m.push_str("Content-Transfer-Encoding: 8bit\n");
    m.push('\n');
    m.push_str(&body);
    if !body.ends_with('\n') {
        m.push('\n');
    }
    m
}

/// An address can never break out of its header line.
fn clean(address: &str) -> String {
    address
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '<' | '>' | ',' | ';'))
        .collect::<String>()
        .trim()
        .to_string()
}

/// RFC 2047 encoded words (`=?UTF-8?B?…?=`), each at most 75 characters and never splitting a
/// character, joined by folding whitespace.
pub fn encoded_words(text: &str) -> String {
    if text.is_ascii() && !text.contains("=?") && !text.chars().any(|c| c.is_control()) {
        return text.to_string();
    }
    // 75 - len("=?UTF-8?B??=") = 63 base64 characters → at most 45 bytes of text per word
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars().filter(|c| !c.is_control()) {
        if chunk.len() + c.len_utf8() > 45 {
            words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
    }
    words.join("\n ")
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let n = group
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= group.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(word: &str) -> Vec<u8> {
        const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut bits = 0u32;
        let mut n = 0;
        let mut out = Vec::new();
        for c in word.bytes().filter(|c| *c != b'=') {
            bits = (bits << 6) | ABC.iter().position(|x| *x == c).unwrap() as u32;
            n += 6;
            if n >= 8 {
                n -= 8;
                out.push((bits >> n) as u8);
                bits &= (1 << n) - 1;
            }
        }
        out
    }

    #[test]
    fn base64_matches_the_rfc_examples() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn thai_subjects_become_short_encoded_words() {
        let subject =
            "เลยกำหนดส่ง แบบรายงานผลการดำเนินงานตัวชี้วัดที่ ๓.๒ ประจำเดือนพฤษภาคม 2569 (อบต.แม่ใส)";
        let encoded = encoded_words(subject);
        let mut back = Vec::new();
        for line in encoded.split("\n ") {
            assert!(line.len() <= 75, "{line}");
            let inner = line
                .strip_prefix("=?UTF-8?B?")
                .and_then(|l| l.strip_suffix("?="))
                .unwrap();
            let bytes = decode(inner);
            // each word is whole characters
            assert!(std::str::from_utf8(&bytes).is_ok());
            back.extend(bytes);
        }
        assert_eq!(String::from_utf8(back).unwrap(), subject);
        assert_eq!(encoded_words("plain"), "plain");
        assert!(encoded_words("bad\r\nBcc: x@y").starts_with("=?UTF-8?B?"));
    }

    #[test]
    fn messages_have_the_headers_mailers_need() {
        let m = Mail {
            id: 7,
            to_user_id: Some(1),
            to_address: "officer@example.go.th\r\nBcc: evil@example.com".into(),
            subject: "แจ้งเตือน".into(),
            body: "เรียน ท่าน\r\nบรรทัดสอง".into(),
            created_at: "2026-06-10T01:02:03Z".into(),
            attempts: 0,
        };
        let text = message(&m, "oneplan@example.go.th");
        let (head, body) = text.split_once("\n\n").unwrap();
        assert!(!head.contains("\nBcc:"));
        assert!(head.contains("Subject: =?UTF-8?B?"));
        assert!(head.contains("Content-Type: text/plain; charset=utf-8"));
        assert!(head.contains("Date: Wed, 10 Jun 2026 01:02:03 +0000"));
        assert!(head.contains("From: =?UTF-8?B?"));
        assert_eq!(body, "เรียน ท่าน\nบรรทัดสอง\n");
    }

    #[test]
    fn commands_report_success_and_failure() {
        assert_eq!(run("cat > /dev/null", b"hello"), Ok(()));
        let e = run("echo broken >&2; exit 3", b"hello").unwrap_err();
        assert_eq!(e, "exit status 3: broken");
    }
}
