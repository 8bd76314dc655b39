//! One error logged twice is one error: a key=value line and the full JSON after it, a
//! WARN line and the stack trace, a curl transcript and the application's log line. The
//! gateway gives every response its own request id, so the same code with the same
//! request id is the same response, wherever the paste writes it again; the same code with
//! another request id, or another code with the same id, stays an error of its own. A hex
//! or UUID id is one id in either case (`5e1d…` and `5E1D…`, [`id_key`]).

use rustc_hash::FxHashMap;

use super::fields::{Evidence, Fields, id_key};

/// `found` with every repeat (same code, same request id, no other status) merged into its
/// first, which takes the facts the repeat adds; in the order of first appearance.
pub(crate) fn once(found: Vec<Fields>) -> Vec<Fields> {
    let mut out: Vec<Fields> = Vec::with_capacity(found.len());
    let mut first: FxHashMap<(String, String), usize> = FxHashMap::default();
    for f in found {
        let key = f
            .code
            .clone()
            .zip(f.request_id.as_deref().map(|id| id_key(id).into_owned()));
        let earlier = key.as_ref().and_then(|k| first.get(k)).copied();
        match earlier.and_then(|i| out.get_mut(i)) {
            Some(e) if agree(e.http_status, f.http_status) => absorb(e, f),
            _ => {
                if let Some(key) = key {
                    first.entry(key).or_insert(out.len());
                }
                out.push(f);
            }
        }
    }
    out
}

/// The errors of one block, one per code, as a block was always read, except that two
/// errors of a code with different request ids (two objects of one line) stay two.
pub(crate) fn once_per_block(found: Vec<Fields>) -> Vec<Fields> {
    let mut out: Vec<Fields> = Vec::with_capacity(found.len());
    // The first error of each code, and of each code and request id.
    let mut of_code: FxHashMap<Option<String>, usize> = FxHashMap::default();
    let mut of_id: FxHashMap<(Option<String>, String), usize> = FxHashMap::default();
    for f in found {
        let first = of_code.get(&f.code).copied();
        let same = match &f.request_id {
            None => first,
            Some(id) => of_id
                .get(&(f.code.clone(), id_key(id).into_owned()))
                .copied()
                .or_else(|| first.filter(|&i| out.get(i).is_some_and(|e| e.request_id.is_none()))),
        };
        let at = match same.and_then(|i| out.get_mut(i).map(|e| (i, e))) {
            Some((i, e)) => {
                absorb(e, f);
                i
            }
            None => {
                out.push(f);
                out.len() - 1
            }
        };
        if let Some(e) = out.get(at) {
            of_code.entry(e.code.clone()).or_insert(at);
            if let Some(id) = &e.request_id {
                of_id
                    .entry((e.code.clone(), id_key(id).into_owned()))
                    .or_insert(at);
            }
        }
    }
    out
}

/// Two statuses of one response: the same, or one not said.
fn agree(a: Option<u16>, b: Option<u16>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// `into` with what `other`, the same error written again, adds: a fact it lacks, the
/// longer of two messages one of which begins the other, notes it does not have.
fn absorb(into: &mut Fields, other: Fields) {
    let Fields {
        raw_code: _,
        code: _,
        message,
        http_status,
        request_id,
        seen_at,
        evidence,
        message_only: _,
        notes,
        in_passing,
        not_now,
        gateway_page,
        block: _,
        status_words,
    } = other;
    // Reported once is reported: the copy in a sentence does not make it a quotation.
    into.in_passing &= in_passing;
    into.not_now = if into.in_passing {
        into.not_now.max(not_now)
    } else {
        None
    };
    into.gateway_page |= gateway_page;
    into.message = match (into.message.take(), message) {
        (Some(a), Some(b)) if b.len() > a.len() && b.starts_with(&a) => Some(b),
        (a, b) => a.or(b),
    };
    into.http_status = into.http_status.or(http_status);
    into.status_words = into.status_words.take().or(status_words);
    into.request_id = into.request_id.take().or(request_id);
    into.seen_at = into.seen_at.or(seen_at);
    fill(&mut into.evidence, evidence);
    for note in notes {
        if !into.notes.contains(&note) {
            into.notes.push(note);
        }
    }
}

/// Each fact of `into` that is missing taken from `other`; a body is cut only if every copy
/// of it is.
fn fill(into: &mut Evidence, other: Evidence) {
    let Evidence {
        date,
        host,
        method,
        path,
        protocol,
        x_stage,
        x_sdk_date,
        server,
        clock_skew_minutes,
        truncated,
        request_body_bytes,
        request_header_bytes,
        largest_header_bytes,
        auth,
        auth_header,
    } = other;
    into.date = into.date.take().or(date);
    into.host = into.host.take().or(host);
    into.method = into.method.take().or(method);
    into.path = into.path.take().or(path);
    into.protocol = into.protocol.take().or(protocol);
    into.x_stage = into.x_stage.take().or(x_stage);
    into.x_sdk_date = into.x_sdk_date.take().or(x_sdk_date);
    into.server = into.server.take().or(server);
    into.clock_skew_minutes = into.clock_skew_minutes.or(clock_skew_minutes);
    into.truncated &= truncated;
    into.request_body_bytes = into.request_body_bytes.or(request_body_bytes);
    into.request_header_bytes = into.request_header_bytes.or(request_header_bytes);
    into.largest_header_bytes = into.largest_header_bytes.or(largest_header_bytes);
    if into.auth.is_none() {
        (into.auth, into.auth_header) = (auth, auth_header);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(code: &str, id: Option<&str>, status: Option<u16>) -> Fields {
        Fields {
            code: Some(code.into()),
            request_id: id.map(str::to_string),
            http_status: status,
            ..Fields::default()
        }
    }

    #[test]
    fn the_same_code_and_id_is_one_error_and_any_other_pair_is_two() {
        let found = once(vec![
            error("APIG.0303", Some("aaaa1111"), Some(401)),
            error("APIG.0303", Some("aaaa1111"), None),
            error("APIG.0303", Some("bbbb2222"), None),
            error("APIG.0304", Some("aaaa1111"), None),
            error("APIG.0303", None, None),
            error("APIG.0303", None, None),
            error("APIG.0303", Some("aaaa1111"), Some(403)),
            error("APIG.0303", Some("BBBB2222"), Some(401)),
        ]);
        let got: Vec<_> = found
            .iter()
            .map(|f| (f.code.as_deref(), f.request_id.as_deref(), f.http_status))
            .collect();
        assert_eq!(
            got,
            [
                (Some("APIG.0303"), Some("aaaa1111"), Some(401)),
                (Some("APIG.0303"), Some("bbbb2222"), Some(401)),
                (Some("APIG.0304"), Some("aaaa1111"), None),
                (Some("APIG.0303"), None, None),
                (Some("APIG.0303"), None, None),
                (Some("APIG.0303"), Some("aaaa1111"), Some(403)),
            ]
        );
    }
}
