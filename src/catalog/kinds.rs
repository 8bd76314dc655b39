//! The curated classification of a row: what failed, and who has to act.

use serde::{Deserialize, Serialize};

/// What failed, from a small fixed set so the facet stays short and meaningful.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// The API or its route does not exist (or is not published).
    NotFound,
    /// The request itself is malformed or invalid.
    Request,
    /// The request exceeds a size or count limit.
    RequestLimits,
    /// The caller's credentials or signature were not accepted.
    Authentication,
    /// The caller is known but not allowed (ACL, IP, app authorization).
    AccessControl,
    /// A custom (third-party) authorizer refused or failed.
    ThirdPartyAuth,
    /// A throttling limit or quota was reached.
    Throttling,
    /// The backend service failed or did not answer in time.
    Backend,
    /// The gateway failed internally.
    GatewayInternal,
    /// The resource is in a state that conflicts with the request.
    Conflict,
    /// A status that reports success, listed for completeness.
    Success,
}

impl Category {
    /// Every category, in the order the facets list them.
    pub const ALL: [Category; 11] = [
        Category::NotFound,
        Category::Request,
        Category::RequestLimits,
        Category::Authentication,
        Category::AccessControl,
        Category::ThirdPartyAuth,
        Category::Throttling,
        Category::Backend,
        Category::GatewayInternal,
        Category::Conflict,
        Category::Success,
    ];

    /// The facet's and the detail pane's label.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Category::NotFound => "API not found / routing",
            Category::Request => "Invalid request",
            Category::RequestLimits => "Request limits",
            Category::Authentication => "Authentication",
            Category::AccessControl => "Authorization & access control",
            Category::ThirdPartyAuth => "Third-party authorizer",
            Category::Throttling => "Throttling & quota",
            Category::Backend => "Backend",
            Category::GatewayInternal => "Gateway internal",
            Category::Conflict => "Conflict / resource state",
            Category::Success => "Not an error",
        }
    }
}

/// Who has to do something to fix the error: it decides whom the engineer talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WhoActs {
    /// The client calling the API.
    Caller,
    /// The owner of the API (its definition, backend or policies).
    Provider,
    /// The cloud provider's support.
    Support,
}

impl WhoActs {
    /// Everyone who may act, in the order the facets list them.
    pub const ALL: [WhoActs; 3] = [WhoActs::Caller, WhoActs::Provider, WhoActs::Support];

    /// The facet's and the detail pane's label.
    pub(crate) fn label(self) -> &'static str {
        match self {
            WhoActs::Caller => "API caller",
            WhoActs::Provider => "API provider",
            WhoActs::Support => "Cloud support",
        }
    }
}
