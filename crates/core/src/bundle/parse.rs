//! Strict parsing of a bundle's bytes: every rule that refuses, in the order a person would fix
//! them (size, encoding, syntax, secrets, format, characters, fields, values). The structure is
//! checked against [`SCHEMA`] on the TOML tree first, so each refusal names its exact field;
//! only then is the tree turned into a [`Bundle`] and its values checked ([`super::validate`]).

use super::model::{Bundle, FORMAT_V1};
use super::refusal::{Refusal, RefusalCode};
use super::MAX_BUNDLE_BYTES;
use toml::{Table, Value};

/// What a field holds.
#[derive(Clone, Copy)]
enum Shape {
    /// One line of text.
    Text,
    /// Text that may hold newlines (`description`, `ca_pem`).
    Lines,
    /// A table with exactly these fields (name, shape, required).
    Table(&'static [Field]),
    /// An array of such tables.
    Tables(&'static [Field]),
    /// `[go_env]`: any key (checked later against the allowed list), text values.
    Env,
    /// One of these words.
    OneOf(&'static [&'static str]),
}

type Field = (&'static str, Shape, bool);

const MIRROR: &[Field] = &[
    ("name", Shape::Text, true),
    ("url", Shape::Text, true),
    ("ca_pem", Shape::Lines, false),
];
const HOST: &[Field] = &[
    ("host", Shape::Text, true),
    ("login", Shape::Text, false),
    ("auth", Shape::OneOf(&["basic", "bearer"]), false),
    ("token_help", Shape::Text, false),
    ("token_url", Shape::Text, false),
];
const DOCKER: &[Field] = &[("go_version", Shape::Text, false)];
const VERIFY: &[Field] = &[("module", Shape::Text, true)];

/// Bundle v1, field for field (`docs/bundle.md`).
const SCHEMA: &[Field] = &[
    ("format", Shape::Text, true),
    ("name", Shape::Text, true),
    ("version", Shape::Text, false),
    ("description", Shape::Lines, false),
    ("min_go", Shape::Text, false),
    ("go_env", Shape::Env, false),
    ("mirrors", Shape::Tables(MIRROR), false),
    ("hosts", Shape::Tables(HOST), false),
    ("docker", Shape::Table(DOCKER), false),
    ("verify", Shape::Table(VERIFY), false),
];

/// Field names that would carry a secret. `token_help` and `token_url` describe where to get a
/// token and are the only names containing one of these words that the format has.
const SECRET_WORDS: &[&str] = &["token", "password", "passwd", "secret"];
const SECRET_NAMES_ALLOWED: &[&str] = &["token_help", "token_url"];

/// Parses and validates a bundle; the first broken rule refuses it.
pub fn parse(bytes: &[u8]) -> Result<Bundle, Refusal> {
    if bytes.len() > MAX_BUNDLE_BYTES {
        return Err(Refusal::new(
            RefusalCode::TooLarge,
            "",
            format!(
                "a bundle is at most {MAX_BUNDLE_BYTES} bytes (256 KiB); this one has {}",
                bytes.len()
            ),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Refusal::new(
            RefusalCode::NotUtf8,
            "",
            format!(
                "a bundle is UTF-8 text; byte {} is not UTF-8",
                e.valid_up_to()
            ),
        )
    })?;
    let table = parse_toml(text)?;
    find_secret_field(&table, "")?;
    check_format(&table)?;
    check_characters(&table, "", false)?;
    check_shape(&table, SCHEMA, "")?;
    let bundle: Bundle = Value::Table(table)
        .try_into()
        .map_err(|e: toml::de::Error| Refusal::new(RefusalCode::Syntax, "", clean(e.message())))?;
    super::validate::check(&bundle)?;
    Ok(bundle)
}

/// TOML syntax; a key given twice (TOML itself forbids it) has its own code.
fn parse_toml(text: &str) -> Result<Table, Refusal> {
    text.parse::<Table>().map_err(|e| {
        let message = clean(e.message());
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        let at = line.map(|l| format!(" (line {l})")).unwrap_or_default();
        let code = if message.contains("duplicate key") || message.contains("redefine") {
            RefusalCode::DuplicateKey
        } else {
            RefusalCode::Syntax
        };
        let rule = match code {
            RefusalCode::DuplicateKey => {
                format!("each key may appear only once in a table: {message}{at}")
            }
            _ => format!("not valid TOML: {message}{at}"),
        };
        Refusal::new(code, "", rule)
    })
}

/// A parser message made safe to show: no control or bidi characters, at most 200 characters.
fn clean(message: &str) -> String {
    message
        .chars()
        .map(|c| if forbidden_char(c, false) { '?' } else { c })
        .take(200)
        .collect::<String>()
        .trim()
        .to_string()
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A field whose name says it holds a secret, at any depth.
fn find_secret_field(table: &Table, path: &str) -> Result<(), Refusal> {
    for (key, value) in table {
        let field = child(path, key);
        let lower = key.to_lowercase();
        if SECRET_WORDS.iter().any(|w| lower.contains(w))
            && !SECRET_NAMES_ALLOWED.contains(&lower.as_str())
        {
            return Err(Refusal::new(
                RefusalCode::SecretField,
                field,
                "a bundle never carries a token, password or secret: each person enters their own token after applying",
            ));
        }
        walk_tables(value, &field, &mut |t, p| find_secret_field(t, p))?;
    }
    Ok(())
}

/// Calls `f` on every table inside `value` (itself, or the tables of an array).
fn walk_tables(
    value: &Value,
    path: &str,
    f: &mut dyn FnMut(&Table, &str) -> Result<(), Refusal>,
) -> Result<(), Refusal> {
    match value {
        Value::Table(t) => f(t, path),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_tables(item, &format!("{path}[{i}]"), f)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// `format` first: a bundle of another version may have fields this one does not know.
fn check_format(table: &Table) -> Result<(), Refusal> {
    match table.get("format") {
        None => Err(Refusal::new(
            RefusalCode::MissingField,
            "format",
            format!("the first line of a bundle is format = \"{FORMAT_V1}\""),
        )),
        Some(Value::String(f)) if f == FORMAT_V1 => Ok(()),
        Some(_) => Err(Refusal::new(
            RefusalCode::UnsupportedFormat,
            "format",
            format!("this version reads only format = \"{FORMAT_V1}\""),
        )),
    }
}

/// A character no bundle text may hold: a control character (a newline only where `lines`),
/// a bidi override or isolate, or an invisible formatting character that can disguise text.
pub(crate) fn forbidden_char(c: char, lines: bool) -> bool {
    if c == '\n' {
        return !lines;
    }
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
            | '\u{061C}' | '\u{FEFF}' | '\u{2028}' | '\u{2029}')
}

/// Every key and string, against [`forbidden_char`]; newlines only in `description`/`ca_pem`.
fn check_characters(table: &Table, path: &str, _lines: bool) -> Result<(), Refusal> {
    for (key, value) in table {
        let field = child(path, key);
        if key.chars().any(|c| forbidden_char(c, false)) {
            return Err(control_refusal(&field));
        }
        let lines = matches!(key.as_str(), "description" | "ca_pem");
        check_value_characters(value, &field, lines)?;
    }
    Ok(())
}

fn check_value_characters(value: &Value, field: &str, lines: bool) -> Result<(), Refusal> {
    match value {
        Value::String(s) => {
            // A newline may be written CRLF; a lone CR is a control character.
            let bad = s.char_indices().any(|(i, c)| {
                if c == '\r' {
                    !(lines && s[i + 1..].starts_with('\n'))
                } else {
                    forbidden_char(c, lines)
                }
            });
            if bad {
                return Err(control_refusal(field));
            }
            Ok(())
        }
        Value::Table(t) => check_characters(t, field, lines),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_value_characters(item, &format!("{field}[{i}]"), lines)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn control_refusal(field: &str) -> Refusal {
    let newline = if field.ends_with("description") || field.ends_with("ca_pem") {
        ""
    } else {
        " (a newline is allowed only in description and ca_pem)"
    };
    Refusal::new(
        RefusalCode::ControlCharacter,
        field,
        format!("text may not hold control characters, bidi overrides or invisible formatting characters{newline}"),
    )
}

/// Unknown fields, missing fields and types, against the schema.
fn check_shape(table: &Table, fields: &[Field], path: &str) -> Result<(), Refusal> {
    for key in table.keys() {
        if !fields.iter().any(|(name, _, _)| name == key) {
            let known: Vec<&str> = fields.iter().map(|(n, _, _)| *n).collect();
            return Err(Refusal::new(
                RefusalCode::UnknownField,
                child(path, key),
                format!(
                    "this format has no such field here (known: {})",
                    known.join(", ")
                ),
            ));
        }
    }
    for (name, shape, required) in fields {
        let field = child(path, name);
        match table.get(*name) {
            None if *required => {
                return Err(Refusal::new(
                    RefusalCode::MissingField,
                    field,
                    "this field is required",
                ))
            }
            None => {}
            Some(value) => check_value_shape(value, *shape, &field)?,
        }
    }
    Ok(())
}

fn check_value_shape(value: &Value, shape: Shape, field: &str) -> Result<(), Refusal> {
    let wrong = |what: &str| {
        Refusal::new(
            RefusalCode::Syntax,
            field,
            format!("must be {what}, not {}", value.type_str()),
        )
    };
    match (shape, value) {
        (Shape::Text | Shape::Lines, Value::String(_)) => Ok(()),
        (Shape::Text | Shape::Lines, _) => Err(wrong("a string")),
        (Shape::Table(fields), Value::Table(t)) => check_shape(t, fields, field),
        (Shape::Table(_), _) => Err(wrong("a table")),
        (Shape::Tables(fields), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let at = format!("{field}[{i}]");
                match item {
                    Value::Table(t) => check_shape(t, fields, &at)?,
                    _ => {
                        return Err(Refusal::new(
                            RefusalCode::Syntax,
                            at,
                            format!("must be a table, not {}", item.type_str()),
                        ))
                    }
                }
            }
            Ok(())
        }
        (Shape::Tables(_), _) => Err(wrong("an array of tables ([[...]])")),
        (Shape::Env, Value::Table(t)) => {
            for (key, v) in t {
                if !v.is_str() {
                    return Err(Refusal::new(
                        RefusalCode::Syntax,
                        child(field, key),
                        format!("a go env value must be a string, not {}", v.type_str()),
                    ));
                }
            }
            Ok(())
        }
        (Shape::Env, _) => Err(wrong("a table")),
        (Shape::OneOf(words), Value::String(s)) if words.contains(&s.as_str()) => Ok(()),
        (Shape::OneOf(words), Value::String(_)) => Err(Refusal::new(
            RefusalCode::InvalidField,
            field,
            format!("must be one of: {}", words.join(", ")),
        )),
        (Shape::OneOf(_), _) => Err(wrong("a string")),
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
