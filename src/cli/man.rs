//! `man`: the manual page, made by `clap_mangen` from the same definitions
//! that parse the command line. One page holds every command (with its
//! options and examples), so that `man partnermap` is all there is to
//! install.

use super::CliError;
use super::args::Cli;
use super::output::to_stdout;
use clap::CommandFactory;
use clap_mangen::Man;

/// Prints the manual page.
pub fn run() -> Result<(), CliError> {
    to_stdout(page()?.as_bytes())
}

/// The whole page: the program's own sections, then one section per
/// command (`meeting add` under `meeting`), each with its synopsis,
/// description, options and examples, then the environment.
fn page() -> Result<String, CliError> {
    let mut command = Cli::command();
    command.build();
    let top = Man::new(command.clone());
    let mut roff = String::new();
    let sections: [Section; 5] = [
        Man::render_title,
        Man::render_name_section,
        Man::render_synopsis_section,
        Man::render_description_section,
        Man::render_options_section,
    ];
    for section in sections {
        roff.push_str(&render(&top, section)?);
    }
    roff.push_str(&render(&top, Man::render_extra_section)?.replace(".SH EXTRA", ".SH EXAMPLES"));
    for sub in commands(&command) {
        let name = sub.get_bin_name().unwrap_or_else(|| sub.get_name());
        roff.push_str(&format!(".SH \"{}\"\n", name.to_uppercase()));
        let man = Man::new(sub.clone());
        let sections: [Section; 4] = [
            Man::render_synopsis_section,
            Man::render_description_section,
            Man::render_options_section,
            Man::render_extra_section,
        ];
        for section in sections {
            // Within a command's section its parts are subsections.
            let text = render(&man, section)?.replace(".SH EXTRA", ".SH EXAMPLES");
            roff.push_str(&text.replace(".SH ", ".SS "));
        }
    }
    roff.push_str(ENVIRONMENT);
    roff.push_str(&render(&top, Man::render_version_section)?);
    Ok(ascii(&roff))
}

/// The page with every character beyond ASCII written as groff's `\[uXXXX]`
/// escape, so that troff reads "Acme × Globex" whatever its input encoding.
fn ascii(roff: &str) -> String {
    let mut out = String::with_capacity(roff.len());
    for c in roff.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out
}

/// What the page says beyond the command line's own help.
const ENVIRONMENT: &str = r".SH ENVIRONMENT
.TP
\fBPARTNERMAP_FILE\fR
The data file when \fB\-\-file\fR is not given (else partnership.json in your data directory).
.TP
\fBXDG_DATA_HOME\fR
On Linux, where the data directory is (partnermap/ in it).
.TP
\fBNO_COLOR\fR
When set, no colour anywhere: symbols carry the meaning.
.SH EXIT STATUS
0 ok; 1 the data is invalid or an operation failed (a merge with conflicts too); 2 bad usage.
";

type Section = fn(&Man, &mut dyn std::io::Write) -> std::io::Result<()>;

/// Every visible command and subcommand below `command`, depth first.
fn commands(command: &clap::Command) -> Vec<&clap::Command> {
    command
        .get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
        .flat_map(|c| std::iter::once(c).chain(commands(c)))
        .collect()
}

/// The preamble `roff` puts before every piece; the page needs it once.
const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// One section of `man`, as roff text (the preamble only before the title).
fn render(man: &Man, section: Section) -> Result<String, CliError> {
    let mut out = Vec::new();
    section(man, &mut out)
        .map_err(|e| CliError::failed(format!("cannot write the manual page: {e}")))?;
    let text = String::from_utf8(out)
        .map_err(|e| CliError::failed(format!("cannot write the manual page: {e}")))?;
    if text.contains(".TH ") {
        return Ok(text);
    }
    Ok(text.strip_prefix(PREAMBLE).unwrap_or(&text).to_string())
}
