//! `plancheck draft` as a county would use it: each seed document drafts into plan files that `lint` accepts and
//! `check` runs on at once; a document it has never seen drafts as well as the seeds; a .docx with merged table
//! cells reads like its text; `--against` lists the differences; bad input is an error, never a panic.

mod common;
use common::{plancheck, Run};
use plancheck::diag::Diagnostics;
use plancheck::draft::compare::compare;
use plancheck::draft::{draft, Options};
use plancheck::plan::{load_catalog, PlanSource};
use std::io::Write as _;
use std::path::{Path, PathBuf};

const SEEDS: &[(&str, &str)] = &[
    ("leping", "000_0d67604d752cd0a1.txt"),
    ("gaoping", "001_d22cc55193eb073d.txt"),
    ("lechang", "002_94abb8056a9bead1.txt"),
    ("jilin", "003_6d5cbecdf8760c5e.txt"),
    ("jiangjin", "004_60a6ce8650074aa6.txt"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Run {
    plancheck(args)
}

#[test]
fn each_seed_drafts_into_plans_that_lint_accepts_and_check_runs_on() {
    for (city, file) in SEEDS {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let out = dir.path().to_string_lossy().to_string();
        let doc = format!("tests/seeds/{file}");
        let r = run(&["draft", &doc, "--out", &out, "--id-prefix", city]);
        assert_eq!(r.code, 0, "{file}: {}{}", r.stdout, r.stderr);
        assert!(r.stdout.contains("待复核的解读"), "the summary names the readings to review:\n{}", r.stdout);
        let lint = run(&["lint", &out]);
        assert_eq!(lint.code, 0, "{file}: lint\n{}{}", lint.stdout, lint.stderr);
        for kind in ["women", "children"] {
            let plan = format!("{city}-{kind}");
            let template = run(&["template", "--plans-dir", &out, "--plan", &plan]);
            assert_eq!(template.code, 0, "{plan}: template\n{}", template.stderr);
            let data = dir.path().join(format!("{plan}.csv"));
            // A 1 typed into every value cell (the last column of the long form).
            let filled: Vec<String> = template
                .stdout
                .lines()
                .enumerate()
                .map(|(i, l)| if i > 0 && l.ends_with(',') { format!("{l}1") } else { l.to_string() })
                .collect();
            std::fs::write(&data, filled.join("\n")).expect("the data file");
            let check = run(&["check", "--plans-dir", &out, "--plan", &plan, "--data", &data.to_string_lossy()]);
            assert!(check.code == 0 || check.code == 1, "{plan}: check ran\n{}{}", check.stdout, check.stderr);
        }
    }
}

#[test]
fn a_document_it_has_never_seen_drafts_as_well() {
    let fixture = root().join("tests/fixtures/draft");
    let bytes = std::fs::read(fixture.join("qinghe.txt")).expect("the fixture");
    let registry = load_catalog(&PlanSource::Embedded, &mut Diagnostics::new()).registry;
    let options = Options { prefix: "qinghe".into(), source: "qinghe.txt".into() };
    let drafted = draft("qinghe.txt", &bytes, &registry, &options).expect("a draft");
    assert_eq!(drafted.plans.len(), 2);
    let meta = &drafted.plans[0].meta;
    assert_eq!((meta.region.as_str(), meta.document_number.as_deref()), ("清河县", Some("清政发〔2023〕5号")));
    assert_eq!(meta.issued.as_deref(), Some("2023-03-08"));
    let mut diags = Diagnostics::new();
    let files = vec![fixture.join("qinghe-women.toml"), fixture.join("qinghe-children.toml")];
    let reviewed = load_catalog(&PlanSource::Files(files), &mut diags);
    assert!(!diags.has_errors(), "{}", diags.render(plancheck::words::Lang::En));
    let (mut right, mut quantified, mut spurious, mut drafted_count) = (0, 0, 0, 0);
    for plan in &drafted.plans {
        let theirs = reviewed.plan(&plan.meta.id).expect("its reviewed plan");
        let c = compare(plan, &drafted.registry, theirs, &reviewed.registry);
        eprintln!(
            "{}: quantified right {}/{}, qualitative found {}/{}, spurious {}/{}",
            plan.meta.id, c.right, c.quantified, c.found, c.qualitative, c.spurious, c.drafted
        );
        (right, quantified, spurious, drafted_count) =
            (right + c.right, quantified + c.quantified, spurious + c.spurious, drafted_count + c.drafted);
    }
    assert!(right * 10 >= quantified * 9, "{right}/{quantified} right");
    assert!(spurious * 20 <= drafted_count, "{spurious}/{drafted_count} spurious");
}

#[test]
fn against_a_reviewed_plan_lists_the_differences_in_both_languages() {
    let doc = "tests/seeds/004_60a6ce8650074aa6.txt";
    let zh = run(&["draft", doc, "--against", "jiangjin-women"]);
    assert_eq!(zh.code, 1, "differences exit 1\n{}{}", zh.stdout, zh.stderr);
    assert!(zh.stdout.contains("定量目标正确"), "{}", zh.stdout);
    let en = run(&["draft", doc, "--against", "plans/jiangjin-children.toml", "--lang", "en"]);
    assert!(en.stdout.contains("quantified right") && en.stdout.contains("draft draft-children"), "{}", en.stdout);
}

/// A .docx with a notice paragraph, a title, and an indicator table whose 类别 and 序号 cells merge vertically.
fn docx(dir: &Path) -> PathBuf {
    let p = |t: &str| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>");
    let cell = |props: &str, t: &str| format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(t));
    let row = |cells: &[String]| format!("<w:tr>{}</w:tr>", cells.concat());
    let restart = r#"<w:vMerge w:val="restart"/>"#;
    let header = row(&["类别", "序号", "指标名称（单位）", "2030年目标值", "指标属性"].map(|t| cell("", t)));
    let r1 = row(&[
        cell(restart, "儿童与健康"),
        cell(restart, "1"),
        cell("", "婴儿死亡率（‰）"),
        cell("", "&lt;2.5"),
        cell(restart, "约束性"),
    ]);
    let r2 = row(&[
        cell("<w:vMerge/>", ""),
        cell("<w:vMerge/>", ""),
        cell("", "5岁以下儿童死亡率（‰）"),
        cell("", "&lt;4"),
        cell("<w:vMerge/>", ""),
    ]);
    let r3 = row(&[
        cell("", "儿童与教育"),
        cell("", "2"),
        cell("", "学前教育毛入园率（%）"),
        cell("", "≥95"),
        cell("", "预期性"),
    ]);
    let body =
        [p("河西县人民政府"), p("2023年6月1日"), p("河西县儿童发展规划（2021—2030年）"), p("专栏1  主要指标")].concat();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:tbl>{header}{r1}{r2}{r3}</w:tbl></w:body></w:document>"#
    );
    let path = dir.join("hexi.docx");
    let file = std::fs::File::create(&path).expect("the docx");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).expect("a member");
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").expect("written");
    zip.start_file("word/document.xml", options).expect("a member");
    zip.write_all(xml.as_bytes()).expect("written");
    zip.finish().expect("closed");
    path
}

#[test]
fn a_docx_table_with_merged_cells_reads_like_its_text() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = docx(dir.path());
    let out = dir.path().join("out");
    let r = run(&["draft", &path.to_string_lossy(), "--out", &out.to_string_lossy(), "--id-prefix", "hexi"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let plan = std::fs::read_to_string(out.join("hexi-children.toml")).expect("the plan");
    assert!(plan.contains("indicator = \"under5-mortality\""), "{plan}");
    assert!(plan.contains("rule = { kind = \"lt\", value = \"4\" }"), "{plan}");
    assert!(plan.contains("序号为合并单元格"), "the merged item is a reading:\n{plan}");
    assert_eq!(plan.matches("attribute = \"binding\"").count(), 2, "the merged attribute is the item's:\n{plan}");
    assert!(plan.contains("issued = \"2023-06-01\""), "{plan}");
    assert_eq!(run(&["lint", &out.to_string_lossy()]).code, 0);
}

#[test]
fn bad_documents_are_errors_not_panics() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let broken = dir.path().join("broken.docx");
    std::fs::write(&broken, b"PK\x03\x04 not really a zip").expect("written");
    let r = run(&["draft", &broken.to_string_lossy(), "--out", &dir.path().to_string_lossy()]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("不是有效的 .docx 文件"), "{}", r.stderr);
    let plain = dir.path().join("notes.txt");
    std::fs::write(&plain, "这里没有规划。").expect("written");
    let r = run(&["draft", &plain.to_string_lossy(), "--lang", "en"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("holds no title"), "{}", r.stderr);
    let r = run(&["draft", "tests/seeds/000_0d67604d752cd0a1.txt", "--id-prefix", "Not Kebab"]);
    assert_eq!(r.code, 2);
}
