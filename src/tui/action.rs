//! Everything a user can ask of the main screen, as one enum: the keymap
//! maps keys to these and `update` carries them out.

/// One user intention on the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextPane,
    PrevPane,
    Open,
    PeopleView,
    RisksView,
    MapView,
    Filter,
    ClearFilter,
    LogMeeting,
    AddPerson,
    AddTie,
    WhatIf,
    Export,
    Import,
    Undo,
    MessageLog,
    Help,
    Quit,
    /// `E`: edit the selected person, or the tie or meeting selected in
    /// the detail pane.
    Edit,
    /// `L`: the selected person has left.
    MarkLeft,
    /// `D`: delete the selected record, after a question.
    Delete,
    /// `s`: the selected person's stance.
    Stance,
}
