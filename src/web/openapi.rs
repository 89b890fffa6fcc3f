//! What the API's document says of every operation besides its own answers: the errors any call
//! can meet, each with the error body, and how a client signs in (the session cookie, and the
//! CSRF header that every write carries).

use utoipa::openapi::content::Content;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{OpenApi, Ref, RefOr};

/// The answers of a refused call, by status.
const ERRORS: [(&str, &str); 7] = [
    (
        "400",
        "What was sent cannot be used: each problem with its field, in Thai",
    ),
    ("401", "Not signed in (or the session ended)"),
    (
        "403",
        "Not this account's to do, a missing or wrong X-CSRF-Token, or the password must be changed first",
    ),
    ("404", "No such record"),
    (
        "409",
        "Someone saved first (a newer version), or the record is not in a state that allows it",
    ),
    ("415", "The body is not application/json"),
    ("429", "Too many wrong passwords: wait and try again"),
];

/// Adds the error answers to every operation that does not say them itself, and the ways to
/// sign in to the components.
pub fn complete(doc: &mut OpenApi) {
    for (path, item) in doc.paths.paths.iter_mut() {
        let ops = [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ];
        for op in ops.into_iter().flatten() {
            for (status, what) in ERRORS {
                let applies = match status {
                    "415" => op.request_body.is_some(),
                    "429" => path == "/api/session",
                    _ => true,
                };
                if applies {
                    op.responses
                        .responses
                        .entry(status.to_string())
                        .or_insert_with(|| error(what));
                }
            }
        }
    }
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "session",
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            "oneplan_session",
            "Set by POST /api/session (or the sign-in page); sent back by the client on every call",
        ))),
    );
    components.add_security_scheme(
        "csrf",
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            "X-CSRF-Token",
            "The csrf_token of POST /api/session or GET /api/me: required on every write",
        ))),
    );
}

fn error(what: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(what)
        .content(
            "application/json",
            Content::new(Some(Ref::from_schema_name("ErrorBody"))),
        )
        .build()
        .into()
}
