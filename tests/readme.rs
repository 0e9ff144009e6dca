//! The README as a new user follows it: its first command runs and shows the three kinds of verdict, its excerpt
//! of that output is what the command prints, `--status failing` on the same sample shows only the failures, and
//! every file its examples name is in the repository.

use std::path::Path;
mod common;
use common::plancheck;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README.md")
}

/// The arguments of the README's first `cargo run --release -- ...` line.
fn first_command() -> Vec<String> {
    let text = readme();
    let line = text.lines().find(|l| l.starts_with("cargo run --release -- ")).expect("a first command");
    line.trim_start_matches("cargo run --release -- ").split_whitespace().map(str::to_string).collect()
}

#[test]
fn the_first_command_shows_met_off_track_and_unmet() {
    let args = first_command();
    assert_eq!(args[0], "check");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = plancheck(&args);
    assert_eq!(run.code, 1, "two binding targets are off track: {}", run.stderr);
    assert_eq!(run.stderr, "", "the sample draws no warning");
    for status in ["达标", "进度正常", "进度滞后", "未达标"] {
        assert!(run.stdout.contains(&format!("┆ {status} ")), "{status} is in the output:\n{}", run.stdout);
    }
    // The README's excerpt is the command's output, as the test harness's 120 columns print it.
    let text = readme();
    let start = text.find("```text\n").expect("the excerpt") + "```text\n".len();
    let excerpt = &text[start..start + text[start..].find("```").expect("its end")];
    let (head, tail) = excerpt.split_once("...\n").expect("an elided middle");
    assert!(run.stdout.starts_with(head), "the excerpt's head is the output's:\n{}", run.stdout);
    assert!(run.stdout.trim_end().ends_with(tail.trim_end()), "the excerpt's tail is the output's:\n{}", run.stdout);
}

#[test]
fn status_failing_on_the_readme_sample_shows_only_the_failures() {
    let mut args = first_command();
    args.extend(["--status".to_string(), "failing".to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = plancheck(&args);
    assert_eq!(run.code, 1);
    let rows: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("│") && l.contains("约束性")).collect();
    assert_eq!(rows.len(), 2, "{}", run.stdout);
    assert!(rows.iter().all(|r| r.contains("✗ 进度滞后")), "{}", run.stdout);
    assert!(run.stdout.contains("其中 2 个不通过"), "{}", run.stdout);
}

#[test]
fn every_file_the_examples_name_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = readme();
    let mut named = 0;
    for word in text.split(|c: char| c.is_whitespace() || c == '`' || c == '(' || c == ')') {
        let is_input =
            ["data/", "tests/fixtures/", "tests/own-plan/", "tests/seeds/"].iter().any(|p| word.starts_with(p));
        if is_input && word.contains('.') {
            assert!(root.join(word).exists(), "the README names {word}, which is not in the repository");
            named += 1;
        }
    }
    assert!(named >= 5, "the README's examples name files of the repository ({named} found)");
}
