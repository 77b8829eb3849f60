//! The phrasing corpus (`corpus.txt`): sentences as people type them, each with the exact tool call the offline
//! assistant must make, or the promise that it writes nothing. The score is left in
//! `target/test-artifacts/planner-corpus.txt`, which `cargo xtask test` prints.

use jiff::civil::Date;
use serde_json::Value;

use super::parse;
use crate::tools::{self, Class};

const CORPUS: &str = include_str!("corpus.txt");

#[test]
fn every_sentence_of_the_corpus_is_read_exactly_and_no_misreading_writes() {
    let today = Date::new(2026, 11, 26).unwrap();
    let (mut exact, mut not_yet, mut total) = (0, 0, 0);
    let mut wrong = Vec::new();
    for line in CORPUS.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (sentence, expected) = line.split_once(" => ").expect("`sentence => expected`");
        total += 1;
        let got = parse(sentence, today).map(|intent| intent.tool_call());
        // A sentence the planner does not fully understand must never reach a tool that changes data.
        let writes = got.as_ref().is_some_and(|(tool, arguments)| {
            let class =
                tools::class(tool, arguments).unwrap_or_else(|| panic!("{tool} has no class"));
            class != Class::Read
        });
        match expected {
            "no write" | "not yet" => {
                if writes {
                    wrong.push(format!("{sentence:?} must not write, and calls {got:?}"));
                } else if expected == "not yet" {
                    not_yet += 1;
                } else {
                    exact += 1;
                }
            }
            call => {
                let (tool, arguments) = call.split_once(' ').expect("`tool {arguments}`");
                let arguments: Value = serde_json::from_str(arguments).expect("JSON arguments");
                if got.as_ref() == Some(&(tool, arguments.clone())) {
                    exact += 1;
                } else {
                    wrong.push(format!(
                        "{sentence:?}: expected {tool} {arguments}, got {got:?}"
                    ));
                }
            }
        }
    }
    let score = format!(
        "Offline assistant corpus: {exact}/{total} sentences read exactly; {not_yet} not understood yet (none of them writes); {} wrong\n",
        wrong.len()
    );
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/test-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("planner-corpus.txt"), &score).unwrap();
    assert!(wrong.is_empty(), "{score}{}", wrong.join("\n"));
}

#[test]
fn every_sentence_the_readme_quotes_for_the_offline_assistant_is_in_the_corpus_and_understood() {
    let readme = include_str!("../../../../README.md");
    let start = readme
        .find("The offline planner understands")
        .expect("the README says what the offline planner understands");
    let paragraph = &readme[start..start + readme[start..].find("\n\n").unwrap_or(0)];
    let quoted: Vec<&str> = paragraph.split('"').skip(1).step_by(2).collect();
    assert!(quoted.len() >= 20, "{quoted:?}");
    let understood: Vec<&str> = CORPUS
        .lines()
        .filter_map(|line| line.split_once(" => "))
        .filter(|(_, expected)| !["no write", "not yet"].contains(expected))
        .map(|(sentence, _)| sentence)
        .collect();
    for sentence in quoted {
        let sentence = sentence.replace('\n', " ");
        // Quoted fragments of a sentence ("celle de demain") are answers, not requests: only whole requests count.
        if sentence.split_whitespace().count() < 4 {
            continue;
        }
        assert!(
            understood.contains(&sentence.as_str()),
            "the README quotes {sentence:?}, which the corpus does not hold as understood"
        );
    }
}
