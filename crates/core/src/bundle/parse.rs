//! Strict parsing of a bundle's bytes: every rule that refuses, in the order a person would fix
//! them (size, encoding, syntax, fields, values).
