//! Hidden options (`hide = true`) out of the completion scripts. clap_complete's scripts
//! offer every option of a command, hidden or not, so Tab would show the measurement
//! switches `--help` does not; each shell's script names an option on lines of its own,
//! which are dropped here (for bash: its words in the `opts` lists).

use std::collections::BTreeSet;

use clap::Command;
use clap_complete::Shell;

/// Every spelling (`--long`, `-s`, their aliases) of a hidden option of `cmd` or of
/// its subcommands, except those a visible option somewhere also has: a script names
/// options by spelling, and a visible one must stay offered.
pub(super) fn spellings(cmd: &Command) -> BTreeSet<String> {
    let mut hidden = BTreeSet::new();
    let mut visible = BTreeSet::new();
    walk(cmd, &mut hidden, &mut visible);
    hidden.difference(&visible).cloned().collect()
}

fn walk(cmd: &Command, hidden: &mut BTreeSet<String>, visible: &mut BTreeSet<String>) {
    for arg in cmd.get_arguments().filter(|arg| !arg.is_positional()) {
        let set = if arg.is_hide_set() {
            &mut *hidden
        } else {
            &mut *visible
        };
        let longs = arg.get_long().into_iter();
        for long in longs.chain(arg.get_all_aliases().into_iter().flatten()) {
            set.insert(format!("--{long}"));
        }
        let shorts = arg.get_short().into_iter();
        for short in shorts.chain(arg.get_all_short_aliases().into_iter().flatten()) {
            set.insert(format!("-{short}"));
        }
    }
    for sub in cmd.get_subcommands() {
        walk(sub, hidden, visible);
    }
}

/// `script` (of `shell`) without what offers one of the `hidden` spellings. Shells
/// this does not know (a later clap_complete's) are left as they are.
pub(super) fn drop(shell: Shell, script: &str, hidden: &BTreeSet<String>) -> String {
    let mut out = String::with_capacity(script.len());
    for line in script.split_inclusive('\n') {
        let (text, end) = match line.strip_suffix('\n') {
            Some(text) => (text, "\n"),
            None => (line, ""),
        };
        if shell == Shell::Bash {
            out.push_str(&bash_opts(text, hidden));
            out.push_str(end);
        } else if !offers(shell, text.trim(), hidden) {
            out.push_str(line);
        }
    }
    out
}

/// A bash line `opts="-h --json ..."` (the words `compgen` offers) without the hidden
/// spellings; any other line as it is (a `case` arm for a hidden option's value only
/// runs after the option was typed).
fn bash_opts(line: &str, hidden: &BTreeSet<String>) -> String {
    let body = line.trim_start();
    let indent = line.strip_suffix(body).unwrap_or_default();
    let Some(words) = body
        .strip_prefix("opts=\"")
        .and_then(|rest| rest.strip_suffix('"'))
    else {
        return line.to_owned();
    };
    let kept: Vec<&str> = words
        .split(' ')
        .filter(|word| !hidden.contains(*word))
        .collect();
    format!("{indent}opts=\"{}\"", kept.join(" "))
}

/// Whether the (trimmed) script line is the one that offers a hidden spelling.
fn offers(shell: Shell, line: &str, hidden: &BTreeSet<String>) -> bool {
    match shell {
        // '(-a --conflicting)*--name=[help]:value:action' \
        Shell::Zsh => {
            let Some(spec) = line.strip_prefix('\'') else {
                return false;
            };
            let spec = match spec.strip_prefix('(') {
                Some(rest) => rest.split_once(')').map_or(rest, |(_, after)| after),
                None => spec,
            };
            let spec = spec.strip_prefix('*').unwrap_or(spec);
            hidden.iter().any(|name| {
                spec.strip_prefix(name.as_str())
                    .is_some_and(|rest| rest.starts_with(['[', '=', '+', '\'', ':']))
            })
        }
        // complete -c bin -n "condition" -s o -l output -d 'help' -r -F
        Shell::Fish => {
            if !line.starts_with("complete ") {
                return false;
            }
            let flags = line.split_once(" -d '").map_or(line, |(flags, _)| flags);
            let words: Vec<&str> = flags.split_whitespace().collect();
            words.windows(2).any(|pair| match pair {
                ["-l", long] => hidden.contains(&format!("--{long}")),
                ["-s", short] => hidden.contains(&format!("-{short}")),
                _ => false,
            })
        }
        // cand --name 'help'
        Shell::Elvish => line
            .strip_prefix("cand ")
            .and_then(|rest| rest.split(' ').next())
            .is_some_and(|name| hidden.contains(name)),
        // [CompletionResult]::new('--name', 'name', [CompletionResultType]::ParameterName, 'help')
        Shell::PowerShell => line
            .strip_prefix("[CompletionResult]::new('")
            .and_then(|rest| rest.split('\'').next())
            .is_some_and(|name| hidden.contains(name)),
        _ => false,
    }
}
