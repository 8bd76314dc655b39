//! The zsh script's subcommands after a command's own positional arguments.
//!
//! clap_complete's `_arguments` for a command with both (`apig-explorer [FILE]...
//! [COMMAND]`, `notes [CODE] | notes new`) puts the subcommand at the position after the
//! positionals, so the subcommand's name is read as the FILE and the words after it are
//! completed as the parent's: `apig-explorer search --<Tab>` offered `--screenshot`, not
//! `--limit`. clap reads a subcommand's name as the subcommand wherever it stands, so
//! here the first word offers both the subcommands and the first positional's values,
//! the words after a subcommand are that subcommand's, and the words after anything else
//! (a FILE) are completed with the parent's options (and its later positionals).

/// `script` with each such command's block mended; a command without positionals (or
/// without subcommands) is left as clap_complete wrote it.
pub(super) fn mend(script: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    // The fix the next `case $state` block takes: set by each subcommands spec.
    let mut next_state: Option<Fix> = None;
    // One entry per open `case`: the fallback arm its `esac` closes with, if any.
    let mut cases: Vec<Option<Vec<String>>> = Vec::new();
    for line in script.lines() {
        let trimmed = line.trim();
        if let Some(function) = commands_function(trimmed) {
            next_state = block_fix(&mut out, function);
            if let Some(fix) = &next_state {
                out.push(fix.first_word.clone());
                continue;
            }
        } else if let Some(fix) = &next_state
            && (trimmed.starts_with("words=(")
                || trimmed.starts_with("curcontext=")
                || trimmed.starts_with("case $line["))
        {
            let old = format!("$line[{}]", fix.subcommand_at);
            let mended = line.replace(&old, "$line[1]");
            if trimmed.starts_with("case ") {
                cases.push(next_state.take().map(|fix| fix.fallback));
            }
            out.push(mended);
            continue;
        }
        if trimmed.starts_with("case ") && trimmed.ends_with(" in") {
            cases.push(None);
        } else if trimmed == "esac"
            && let Some(Some(fallback)) = cases.pop()
        {
            out.extend(fallback);
        }
        out.push(line.to_owned());
    }
    let mut mended = out.join("\n");
    if script.ends_with('\n') {
        mended.push('\n');
    }
    mended
}

/// How one command's block is mended.
struct Fix {
    /// The spec that replaces the positionals and the subcommands spec: the first word
    /// is a subcommand or the first positional.
    first_word: String,
    /// The `$line[N]` index clap_complete read the subcommand's name from.
    subcommand_at: usize,
    /// The `case` arm for a first word that is no subcommand.
    fallback: Vec<String>,
}

/// `_X_commands` of a `":: :_X_commands" \` line (the spec that offers subcommands).
fn commands_function(line: &str) -> Option<&str> {
    line.strip_prefix("\":: :")?.strip_suffix("\" \\")
}

/// When the specs `out` ends with (of the `_arguments` call being written) include
/// positionals, takes them off `out` and says how to mend the block.
fn block_fix(out: &mut Vec<String>, function: &str) -> Option<Fix> {
    let positionals = out
        .iter()
        .rev()
        .take_while(|line| is_positional(line))
        .count();
    if positionals == 0 {
        return None;
    }
    let start = out.len() - positionals;
    let specs = out.split_off(start);
    let first = specs.first()?;
    let action = action_of(first)?;
    let options: Vec<String> = out
        .iter()
        .rev()
        .take_while(|line| !line.trim_start().starts_with("_arguments "))
        .cloned()
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // After a first positional that takes several values, more of them; after one
    // that takes one, the next positionals.
    let later = if first.starts_with("'*") {
        &specs[..]
    } else {
        specs.get(1..).unwrap_or_default()
    };
    let mut fallback = vec![
        "(*)".to_owned(),
        "_arguments \"${_arguments_options[@]}\" : \\".to_owned(),
    ];
    fallback.extend(options);
    fallback.extend(later.iter().cloned());
    fallback.extend(["&& ret=0".to_owned(), ";;".to_owned()]);
    Some(Fix {
        first_word: format!("':: :{{{function}; {action}}}' \\"),
        subcommand_at: positionals + 1,
        fallback,
    })
}

/// A positional's spec: `'::name -- help:action' \`, `':name...`, `'*::name...`.
fn is_positional(line: &str) -> bool {
    let Some(spec) = line.strip_prefix('\'') else {
        return false;
    };
    spec.strip_prefix('*').unwrap_or(spec).starts_with(':')
}

/// The action of a single-quoted spec: what follows its last unescaped `:`.
fn action_of(spec: &str) -> Option<String> {
    let body = spec.strip_suffix(" \\")?.strip_suffix('\'')?;
    let chars: Vec<char> = body.chars().collect();
    let colon = (0..chars.len())
        .rev()
        .find(|&i| chars[i] == ':' && (i == 0 || chars[i - 1] != '\\'))?;
    Some(chars[colon + 1..].iter().collect())
}
