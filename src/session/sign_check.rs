//! The signature check of the current paste: the secret the engineer typed (in memory
//! only, never persisted, printed or copied), the body they gave, and the report. It is
//! cleared whenever the paste changes, so a secret never outlives the request it checks.

use std::fmt;

use crate::signing::{Report, check, worth_checking};

/// A typed secret: its `Debug` shows nothing, so no log or assertion message leaks it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub(crate) fn new(text: String) -> Self {
        Secret(text)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([hidden])")
    }
}

#[derive(Debug, Default)]
pub struct SignCheck {
    /// The engineer opened the check for this paste.
    pub(crate) open: bool,
    secret: Secret,
    /// The exact body, when given (curl -v does not show it).
    pub body: String,
    pub(crate) report: Option<Report>,
}

impl SignCheck {
    /// Whether `paste` is worth offering the check for.
    pub(crate) fn offered(paste: &str) -> bool {
        worth_checking(paste)
    }

    pub fn secret(&self) -> &Secret {
        &self.secret
    }

    pub(crate) fn set_secret(&mut self, secret: Secret, paste: &str) {
        self.secret = secret;
        self.run(paste);
    }

    pub(crate) fn set_body(&mut self, body: String, paste: &str) {
        self.body = body;
        self.run(paste);
    }

    pub(crate) fn open(&mut self, paste: &str) {
        self.open = true;
        self.run(paste);
    }

    fn run(&mut self, paste: &str) {
        let body = (!self.body.is_empty()).then_some(self.body.as_bytes());
        let secret = (!self.secret.0.is_empty()).then_some(self.secret.0.as_str());
        self.report = check(paste, body, secret);
    }
}
