//! Watching the data file: a change made elsewhere is reloaded; a file
//! that no longer loads (or is gone) is said in a warning that stays until
//! dismissed, and never saved over.

use super::change::tell;
use crate::store::{self, Stamp};
use crate::tui::app::{App, Tone};
use crate::tui::dialogs::form::capitalised;

/// Looks at the data file; when someone else changed it, reloads it and
/// says so. A file that no longer loads is reported and left alone.
pub fn check_file(app: &mut App) {
    if app.saving.busy() {
        return;
    }
    let Ok(now) = Stamp::read(&app.path) else {
        return;
    };
    if Some(now) == app.ignored_stamp {
        return;
    }
    if now == app.doc.stamp {
        // Put back (e.g. by `restore`) to what the UI shows: say so once.
        if app.ignored_stamp.take().is_some() {
            app.alert = None;
            app.say("The file on disk loads again and holds what is shown");
        }
        return;
    }
    if now == Stamp::Absent {
        app.ignored_stamp = Some(now);
        app.pin(format!(
            "{} was removed or moved outside partnermap; showing what was loaded",
            crate::text::path(&app.path)
        ));
        return;
    }
    match store::load_stamped(&app.path) {
        Ok(doc) => {
            let said = app.replace(doc);
            app.demo = false;
            // Someone made the file meanwhile: no need to start one.
            while app.dialogs.top().is_some_and(|d| d.start_screen()) {
                app.dialogs.close();
            }
            app.ignored_stamp = None;
            app.alert = None;
            tell(
                app,
                "The file was changed outside partnermap and has been reloaded".into(),
                &said,
                Tone::Done,
            );
        }
        Err(e) => {
            app.ignored_stamp = Some(now);
            let first = e.to_string().lines().next().unwrap_or_default().to_string();
            let how = match crate::advice::restore_hint(&app.path) {
                Some(hint) => capitalised(hint.trim_start_matches("hint: ")),
                None => "Fix the file in an editor; partnermap reloads it when it loads again"
                    .to_string(),
            };
            app.pin(format!(
                "The file on disk no longer loads ({first}); showing what was loaded, and nothing will be saved over it. {how}. Esc hides this."
            ));
        }
    }
}
