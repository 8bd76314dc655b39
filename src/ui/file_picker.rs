//! The native "open file" dialog (rfd), run on its own thread: a dialog blocks the thread
//! that shows it, and the window must keep drawing meanwhile.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

/// A dialog that closes faster than this without a file was never shown (no file
/// chooser portal on this desktop), not cancelled by a person.
const TOO_FAST_FOR_A_PERSON: Duration = Duration::from_millis(300);

/// What came of a dialog.
#[derive(Debug, PartialEq)]
pub(crate) enum Picked {
    File(PathBuf),
    Cancelled,
    /// No dialog could be shown.
    Unavailable,
}

#[derive(Default)]
pub(crate) struct FilePicker {
    pending: Option<(Receiver<Option<PathBuf>>, Instant)>,
}

impl FilePicker {
    /// A dialog is open.
    pub(crate) fn is_open(&self) -> bool {
        self.pending.is_some()
    }

    /// Open a dialog for catalog files; `ctx` is woken when it closes.
    pub(crate) fn open_catalog(&mut self, ctx: &egui::Context) {
        self.open(
            ctx,
            "Load a catalog",
            &[("Catalog (TOML, RST)", &["toml", "rst"])],
        );
    }

    /// Open a dialog for a response, log or HAR file to analyze.
    pub(crate) fn open_paste(&mut self, ctx: &egui::Context) {
        self.open(
            ctx,
            "Open a response, log or HAR file",
            &[
                (
                    "Responses, logs, HAR (txt, log, json, har)",
                    &["txt", "log", "json", "har"],
                ),
                ("Any file", &["*"]),
            ],
        );
    }

    fn open(&mut self, ctx: &egui::Context, title: &str, filters: &[(&str, &[&str])]) {
        if self.is_open() {
            return;
        }
        let (send, receive) = channel();
        let ctx = ctx.clone();
        let mut dialog = rfd::FileDialog::new().set_title(title);
        for (name, extensions) in filters {
            dialog = dialog.add_filter(*name, extensions);
        }
        let spawned = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let file = dialog.pick_file();
                // The window may have closed meanwhile; nobody is left to tell.
                let _ = send.send(file);
                ctx.request_repaint();
            });
        if spawned.is_ok() {
            self.pending = Some((receive, Instant::now()));
        }
    }

    /// The dialog's result, once it has closed.
    pub(crate) fn poll(&mut self) -> Option<Picked> {
        let (receive, since) = self.pending.as_ref()?;
        let picked = match receive.try_recv() {
            Err(TryRecvError::Empty) => return None,
            Ok(Some(file)) => Picked::File(file),
            Ok(None) if since.elapsed() < TOO_FAST_FOR_A_PERSON => Picked::Unavailable,
            Ok(None) => Picked::Cancelled,
            Err(TryRecvError::Disconnected) => Picked::Unavailable,
        };
        self.pending = None;
        Some(picked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closed_with(file: Option<PathBuf>, open_for: Duration) -> Option<Picked> {
        let (send, receive) = channel();
        let since = Instant::now()
            .checked_sub(open_for)
            .unwrap_or_else(Instant::now);
        let mut picker = FilePicker {
            pending: Some((receive, since)),
        };
        assert_eq!(picker.poll(), None, "still open");
        send.send(file).unwrap();
        let picked = picker.poll();
        assert!(!picker.is_open());
        picked
    }

    #[test]
    fn a_chosen_file_a_cancel_and_a_dialog_that_never_showed_differ() {
        let second = Duration::from_secs(1);
        let file = PathBuf::from("/tmp/errors.rst");
        assert_eq!(
            closed_with(Some(file.clone()), second),
            Some(Picked::File(file))
        );
        assert_eq!(closed_with(None, second), Some(Picked::Cancelled));
        assert_eq!(closed_with(None, Duration::ZERO), Some(Picked::Unavailable));
    }
}
