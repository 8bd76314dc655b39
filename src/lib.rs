//! APIG Error Explorer: the pure core (catalog, search, analysis) and the egui front end.

pub mod analysis;
pub mod catalog;
pub mod checklist;
pub mod cli;
pub mod explorer;
pub mod history;
pub mod http_status;
pub mod import;
pub mod incident;
pub mod incident_store;
pub mod memory;
pub mod paste;
pub mod preload;
pub mod report;
pub mod search;
pub mod synthetic;
pub mod ui;
