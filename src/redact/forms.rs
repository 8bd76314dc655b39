//! The forms a credential takes besides `key: value`, one module per family: key
//! material, schemes and command lines, code, and structured pairs. `redact` runs each
//! finder over the whole text and merges the spans they report.

mod calls;
mod key;
mod pairs;
mod schemes;

pub(crate) use calls::{calls, code_at, credential_arguments};
pub(crate) use key::{blocks, together, tokens, wrapped};
pub(crate) use pairs::{csv_columns, name_values};
pub(crate) use schemes::{flags, params, params_start, prose_names, schemes, userinfo};
