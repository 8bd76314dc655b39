//! Remediation steps as the catalog stores them. The checklist logic that reads a paste
//! against a step lives above the analysis (`checklist`); the data lives here, with
//! the rows, so the catalog depends on nothing.

use serde::{Deserialize, Serialize};

/// A fact of an analyzed paste that a step can be checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKey {
    XStage,
    Status,
    ClockSkew,
    BodySize,
    UriLength,
    HeaderSize,
    DebugDomain,
    Protocol,
}

impl EvidenceKey {
    pub const ALL: [EvidenceKey; 8] = [
        EvidenceKey::XStage,
        EvidenceKey::Status,
        EvidenceKey::ClockSkew,
        EvidenceKey::BodySize,
        EvidenceKey::UriLength,
        EvidenceKey::HeaderSize,
        EvidenceKey::DebugDomain,
        EvidenceKey::Protocol,
    ];
}

/// One step of a checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<EvidenceKey>,
    /// The documentation section the step comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
}

/// Steps for a row whose data file has none (management rows, imported tables): one per
/// sentence of the solution, so every row has something to work through.
pub fn steps_from_solution(solution: &str) -> Vec<Step> {
    solution
        .split_inclusive(". ")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .map(|text| Step {
            text,
            evidence: None,
            doc: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solution_sentences_become_steps() {
        let steps = steps_from_solution("Use another name. Then retry the request.");
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[0].text, "Use another name.");
    }
}
