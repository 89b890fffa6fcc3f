//! A file uploaded with its form (multipart): the CSRF token, the version the user read (if
//! any) and the file's bytes, read once for every upload form.

use crate::error::Problem;
use axum::extract::Multipart;

pub struct Upload {
    pub csrf: String,
    /// The version of the record as the form showed it; -1 when the form sends none.
    pub version: i64,
    pub file: Vec<u8>,
    /// The form's other text fields, by name.
    pub fields: std::collections::HashMap<String, String>,
}

pub async fn read(mut form: Multipart) -> Result<Upload, Problem> {
    let unreadable = |e: axum::extract::multipart::MultipartError| Problem::Unreadable {
        detail: e.to_string(),
    };
    let mut u = Upload {
        csrf: String::new(),
        version: -1,
        file: Vec::new(),
        fields: Default::default(),
    };
    while let Some(field) = form.next_field().await.map_err(unreadable)? {
        match field.name() {
            Some("csrf") => u.csrf = field.text().await.unwrap_or_default(),
            Some("version") => {
                u.version = field.text().await.unwrap_or_default().parse().unwrap_or(-1)
            }
            Some("file") => u.file = field.bytes().await.map_err(unreadable)?.to_vec(),
            Some(name) => {
                let name = name.to_string();
                let text = field.text().await.map_err(unreadable)?;
                u.fields.insert(name, text);
            }
            None => {}
        }
    }
    Ok(u)
}
