//! APIG Error Explorer: the pure core (catalog, search, analysis) and the egui front end.

pub mod catalog;
pub mod explorer;
pub mod http_status;
pub mod import;
pub mod report;
pub mod search;
