//! Reading error tables from documentation sources and catalog files into catalog rows.

mod load;
mod rst;
mod table;

pub use load::{LoadError, LoadedFile, load_file, load_text};
pub(crate) use load::{MAX_CATALOG_BYTES, Stamp, load_file_reporting, read_bounded, title_of};
pub use table::import_rst;

#[cfg(test)]
mod catalog_data_tests;
