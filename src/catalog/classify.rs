//! Category and who-acts for rows that do not curate them (management API rows,
//! imported tables), derived from the status and the wording.

use super::{Category, WhoActs};

/// Derive the classification of an uncurated row. Coarse by design: curated rows
/// always override it.
pub(crate) fn derive_fields(
    http_status: u16,
    message: &str,
    solution: &str,
) -> (Category, WhoActs) {
    let message = message.to_ascii_lowercase();
    let category = match http_status {
        0..=299 => Category::Success,
        401 => Category::Authentication,
        403 if ["exceed", "quota", "maximum"]
            .iter()
            .any(|w| message.contains(w)) =>
        {
            Category::Throttling
        }
        403 => Category::AccessControl,
        404 => Category::NotFound,
        409 | 412 => Category::Conflict,
        429 => Category::Throttling,
        500.. => Category::GatewayInternal,
        _ => Category::Request,
    };
    let who = if category == Category::Success {
        WhoActs::Caller
    } else if solution
        .to_ascii_lowercase()
        .contains("contact technical support")
    {
        WhoActs::Support
    } else {
        WhoActs::Provider
    };
    (category, who)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_403_is_throttling_and_support_rows_go_to_support() {
        let (c, w) = derive_fields(
            403,
            "The number of APIs exceeds the maximum allowed limit.",
            "Contact technical support to increase the quota.",
        );
        assert_eq!((c, w), (Category::Throttling, WhoActs::Support));
    }

    #[test]
    fn plain_403_is_access_control_fixed_by_provider() {
        let (c, w) = derive_fields(403, "No permissions.", "Apply for permissions.");
        assert_eq!((c, w), (Category::AccessControl, WhoActs::Provider));
    }

    #[test]
    fn success_rows_are_not_errors() {
        assert_eq!(derive_fields(204, "Successful", "").0, Category::Success);
    }
}
