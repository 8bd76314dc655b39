//! The curated classification of a row: what failed, and who has to act.

use serde::{Deserialize, Serialize};

/// What failed, from a small fixed set so the facet stays short and meaningful.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    NotFound,
    Request,
    RequestLimits,
    Authentication,
    AccessControl,
    ThirdPartyAuth,
    Throttling,
    Backend,
    GatewayInternal,
    Conflict,
    Success,
}

impl Category {
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

    pub fn label(self) -> &'static str {
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
    Caller,
    Provider,
    Support,
}

impl WhoActs {
    pub const ALL: [WhoActs; 3] = [WhoActs::Caller, WhoActs::Provider, WhoActs::Support];

    pub fn label(self) -> &'static str {
        match self {
            WhoActs::Caller => "API caller",
            WhoActs::Provider => "API provider",
            WhoActs::Support => "Cloud support",
        }
    }
}
