//! Keyboard movement of the table selection.

/// A navigation key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// One row up.
    Up,
    /// One row down.
    Down,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// The first row.
    Home,
    /// The last row.
    End,
}

impl Move {
    /// New position among `len` rows. With nothing selected (or the selection filtered
    /// out), any key lands on the first row, except End, which goes to the last.
    pub(crate) fn apply(self, pos: Option<usize>, len: usize, page: usize) -> Option<usize> {
        let last = len.checked_sub(1)?;
        let page = page.max(1);
        let Some(pos) = pos else {
            return Some(if self == Move::End { last } else { 0 });
        };
        Some(match self {
            Move::Up => pos.saturating_sub(1),
            Move::Down => (pos + 1).min(last),
            Move::PageUp => pos.saturating_sub(page),
            Move::PageDown => (pos + page).min(last),
            Move::Home => 0,
            Move::End => last,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Move::*;

    #[test]
    fn moves_stay_inside_the_table() {
        assert_eq!(Up.apply(Some(0), 5, 10), Some(0));
        assert_eq!(Down.apply(Some(4), 5, 10), Some(4));
        assert_eq!(Down.apply(Some(1), 5, 10), Some(2));
        assert_eq!(PageDown.apply(Some(1), 50, 10), Some(11));
        assert_eq!(PageDown.apply(Some(45), 50, 10), Some(49));
        assert_eq!(PageUp.apply(Some(5), 50, 10), Some(0));
        assert_eq!(Home.apply(Some(7), 50, 10), Some(0));
        assert_eq!(End.apply(Some(7), 50, 10), Some(49));
    }

    #[test]
    fn first_key_without_selection_lands_on_an_end() {
        assert_eq!(Down.apply(None, 5, 10), Some(0));
        assert_eq!(Up.apply(None, 5, 10), Some(0));
        assert_eq!(End.apply(None, 5, 10), Some(4));
    }

    #[test]
    fn empty_table_has_no_selection() {
        assert_eq!(Down.apply(None, 0, 10), None);
        assert_eq!(End.apply(Some(3), 0, 10), None);
    }
}
