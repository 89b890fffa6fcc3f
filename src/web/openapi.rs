//! What the API's document says of every operation besides its own answers: the errors any call
//! can meet, each with the error body, and how a client signs in (the session cookie, and the
//! CSRF header that every write carries).

use utoipa::openapi::content::Content;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::{AdditionalProperties, AllOf, Object, Schema, Type};
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
/// sign in to the components; writes each request body as the one object it is, with no
/// property besides its own.
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
    let bodies: Vec<String> = doc
        .paths
        .paths
        .values()
        .flat_map(|item| [&item.post, &item.put, &item.patch])
        .flatten()
        .filter_map(|op| match op.request_body.as_ref()? {
            RefOr::T(body) => body.content.get("application/json"),
            RefOr::Ref(_) => None,
        })
        .filter_map(|c| match c {
            RefOr::T(Content {
                schema: Some(RefOr::Ref(r)),
                ..
            }) => r.ref_location.rsplit('/').next().map(str::to_string),
            _ => None,
        })
        .collect();
    let components = doc.components.get_or_insert_with(Default::default);
    for (name, schema) in components.schemas.iter_mut() {
        if let RefOr::T(Schema::AllOf(all)) = schema
            && let Some(one) = merged(all)
        {
            *schema = RefOr::T(Schema::Object(one));
        }
        // a body is read strictly (`web::json`): a field it does not take is refused
        if bodies.contains(name)
            && let RefOr::T(Schema::Object(o)) = schema
        {
            o.additional_properties = Some(Box::new(AdditionalProperties::FreeForm(false)));
        }
    }
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

/// The parts of a flattened struct (`#[serde(flatten)]`, documented by utoipa as allOf its
/// parts) as the one object a client sends: every part's properties and required fields.
/// None when a part is not an object written out (a reference).
fn merged(all: &AllOf) -> Option<Object> {
    let mut one = Object::with_type(Type::Object);
    for part in &all.items {
        let RefOr::T(Schema::Object(o)) = part else {
            return None;
        };
        one.properties
            .extend(o.properties.iter().map(|(k, v)| (k.clone(), v.clone())));
        one.required.extend(o.required.iter().cloned());
        if one.description.is_none() {
            one.description = o.description.clone();
        }
    }
    Some(one)
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
