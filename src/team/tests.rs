use super::*;

/// A fresh folder under the system's temporary directory, removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let dir = std::env::temp_dir().join(format!("apig-team-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("notes")).unwrap();
        std::fs::create_dir_all(dir.join("catalogs")).unwrap();
        Folder(dir)
    }

    fn put(&self, file: &str, text: &str) {
        std::fs::write(self.0.join(file), text).unwrap();
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const GOOD: &str = "+++\ncodes = [\"APIG.0308\"]\ntitle = \"Default policy\"\nauthor = \"mei\"\n+++\n\
                    For ACME this is the API's default policy.\n- [ ] Check the default policy\n";

#[test]
fn bad_files_are_reported_by_name_and_line_and_the_rest_loads() {
    let f = Folder::new("bad");
    f.put("notes/a-good.md", GOOD);
    f.put(
        "notes/b-bad.md",
        "+++\ncodes = [\"APIG.0308\"]\ntitle = 3\nauthor = \"x\"\n+++\n",
    );
    f.put("notes/.editor-swap.md", "not a note");
    f.put("notes/readme.txt", "not a note either");
    f.put(
        "catalogs/broken.toml",
        "# a team catalog\n\n[[entry]]\ncode = \n",
    );
    f.put("catalogs/notes.txt", "not a catalog: not read");
    f.put(
        "vocabulary.toml",
        "[[synonym]]\nsay = [\"stuck\"]\nmeans = [\"timeout\"]\n",
    );
    let team = Team::load(&f.0).unwrap();
    assert_eq!(team.notes.len(), 1);
    assert_eq!(team.notes[0].file, Path::new("notes/a-good.md"));
    assert_eq!(
        team.notes[0].steps,
        vec!["Check the default policy".to_string()]
    );
    let said: Vec<String> = team.problems.iter().map(ToString::to_string).collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(said[0].starts_with("notes/b-bad.md:3: "), "{said:?}");
    assert!(said[1].starts_with("catalogs/broken.toml:4: "), "{said:?}");
    assert!(team.catalogs.is_empty());
    assert!(team.vocabulary.is_some());
}

#[test]
fn a_missing_folder_is_an_error_a_folder_without_notes_is_empty() {
    assert!(Team::load(Path::new("/nonexistent/apig-team")).is_err());
    let f = Folder::new("empty");
    let team = Team::load(&f.0).unwrap();
    assert!(team.notes.is_empty() && team.problems.is_empty());
}

#[test]
fn notes_are_searched_as_a_field_of_the_rows_they_name() {
    let f = Folder::new("search");
    f.put(
        "notes/policy.md",
        "+++\ncodes = [\"APIG.0308\"]\ntitle = \"Zanzibar customer\"\nauthor = \"mei\"\n+++\n\
         The quokka tenant hits the default policy.\n",
    );
    let team = Team::load(&f.0).unwrap();
    let catalog = Catalog::embedded();
    let index = SearchIndex::new(&catalog);
    assert!(index.search("quokka").is_empty(), "no row says quokka");
    team.apply_to(&index, &catalog);
    let hits = index.search("quokka");
    assert!(!hits.is_empty());
    for hit in &hits {
        assert_eq!(catalog.entries[hit.row].code(), "APIG.0308");
        let why: Vec<String> = index
            .why(&catalog, hit.row, "quokka")
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(why, vec!["\"quokka\" in a team note".to_string()]);
    }
}

#[test]
fn a_written_note_is_redacted_never_overwrites_and_reads_back() {
    let f = Folder::new("write");
    let draft = NoteDraft {
        code: "APIG.0308".into(),
        title: "Default policy, again!".into(),
        author: "mei".into(),
        body: "Seen with Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijk\n\
               - [ ] Check the default policy"
            .into(),
    };
    let first = write_note(&f.0, &draft).unwrap();
    let second = write_note(&f.0, &draft).unwrap();
    assert_eq!(first, f.0.join("notes/APIG.0308-default-policy-again.md"));
    assert_eq!(
        second,
        f.0.join("notes/APIG.0308-default-policy-again-2.md")
    );
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(!text.contains("eyJhbGciOiJIUzI1NiJ9"), "{text}");
    let team = Team::load(&f.0).unwrap();
    assert_eq!(team.notes.len(), 2, "{:?}", team.problems);
    assert_eq!(
        team.notes[0].steps,
        vec!["Check the default policy".to_string()]
    );
    let files = std::fs::read_dir(f.0.join("notes")).unwrap().count();
    assert_eq!(files, 2, "no temporary file is left");
    let template = new_note(&f.0, "calling:APIG.0201 504", "mei").unwrap();
    let team = Team::load(&f.0).unwrap();
    let made = team
        .notes
        .iter()
        .find(|n| f.0.join(&n.file) == template)
        .unwrap();
    assert!(
        made.steps.is_empty(),
        "the template's example step is not a step"
    );
    assert_eq!(made.codes[0].written(), "calling:APIG.0201 504");
}

#[test]
fn the_team_vocabulary_is_merged_with_the_embedded_one() {
    let f = Folder::new("vocabulary");
    f.put(
        "vocabulary.toml",
        "[[synonym]]\nsay = [\"wombat\"]\nmeans = [\"throttling\"]\n",
    );
    let team = Team::load(&f.0).unwrap();
    let catalog = Catalog::embedded();
    let index = SearchIndex::new(&catalog);
    assert!(index.search("wombat").is_empty());
    team.apply_to(&index, &catalog);
    let hits = index.search("wombat");
    assert!(!hits.is_empty(), "the team's synonym is read");
    let why: Vec<String> = index
        .why(&catalog, hits[0].row, "wombat")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(why[0].contains("means \"throttling\""), "{why:?}");
    // The embedded vocabulary still applies: "hangs" means "timeout".
    assert!(!index.search("hangs").is_empty());
}

/// `notes new 0308` writes the code as the engineer typed it: the note still names
/// APIG.0308's row, as `explain 0308` finds it, and not a row of another number.
#[test]
fn a_note_on_digits_alone_names_the_code_that_ends_in_them() {
    let bare = CodeRef::parse("0308").expect("digits are a code");
    assert!(bare.names("calling", "APIG.0308", 429));
    assert!(!bare.names("calling", "APIG.0309", 429));
    let full = CodeRef::parse("APIG.0308").expect("a code");
    assert!(full.names("calling", "APIG.0308", 429));
    assert!(!full.names("calling", "APIC.0308", 429));
}

/// A note in a subfolder of notes/ is not read, and the engineer is told; a `.markdown`
/// note is read like a `.md` one.
#[test]
fn a_subfolder_of_notes_is_reported_and_markdown_files_are_notes() {
    let folder = Folder::new("subfolder");
    std::fs::create_dir_all(folder.0.join("notes/old")).unwrap();
    let note = "+++\ncodes = [\"APIG.0308\"]\ntitle = \"t\"\nauthor = \"a\"\n+++\nbody\n";
    folder.put("notes/old/a.md", note);
    folder.put("notes/b.markdown", note);
    let team = Team::load(&folder.0).unwrap();
    assert_eq!(team.notes.len(), 1, "{:?}", team.problems);
    assert!(
        team.problems
            .iter()
            .any(|p| p.file.ends_with("old") && p.message.contains("subfolders")),
        "{:?}",
        team.problems
    );
}

/// A note whose code no loaded catalog has is named, with the code: it shows nowhere.
#[test]
fn a_note_on_a_code_no_catalog_has_is_reported() {
    let folder = Folder::new("unattached");
    folder.put(
        "notes/a.md",
        "+++\ncodes = [\"APIG.7777\", \"APIG.0308\"]\ntitle = \"t\"\nauthor = \"a\"\n+++\nbody\n",
    );
    let team = Team::load(&folder.0).unwrap();
    let problems = team.unattached(&Catalog::embedded());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.contains("APIG.7777"), "{problems:?}");
}

/// A note too big to read says the limit for notes, not the one for catalogs.
#[test]
fn a_note_too_big_says_the_notes_limit() {
    let folder = Folder::new("big");
    folder.put("notes/big.md", &"x".repeat(2 * 1024 * 1024));
    let team = Team::load(&folder.0).unwrap();
    let problem = team.problems.first().expect("the big note is reported");
    assert!(problem.message.contains("1048576 bytes"), "{problem:?}");
}
