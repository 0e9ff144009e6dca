//! Hostile workbooks: each must end in exit 0, 1 or 2 (never a panic, an abort or a kill), within seconds,
//! under a 4 GiB address-space limit. A used area of 17 billion cells in a 6 KB file, a zip bomb, truncated
//! and damaged .xls files, and 360 mutants of real workbooks (a fixed seed, so that CI runs the
//! same ones every time).

use super::{fixtures, office_workbook};
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Address space a run may use, in KiB (`ulimit -v`).
const MEMORY_KIB: u64 = 4 << 20;

/// What a guarded run ended with.
struct Ended {
    code: Option<i32>,
    stderr: String,
    took: Duration,
}

/// Runs `check` on `data` under the memory limit and a 60 s timeout.
fn guarded(dir: &Path, data: &str) -> Ended {
    let start = Instant::now();
    let script = format!("ulimit -v {MEMORY_KIB}; exec timeout 60 \"$0\" \"$@\"");
    let out = Command::new("sh")
        .args(["-c", &script, env!("CARGO_BIN_EXE_plancheck")])
        .args(["check", "--plan", "jiangjin-women", "--data", data, "--lang", "en"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    Ended { code: out.status.code(), stderr: String::from_utf8_lossy(&out.stderr).into_owned(), took: start.elapsed() }
}

/// The run ended on its own with a verdict or an error, said as a diagnostic.
fn assert_ends_well(ended: &Ended, what: &str) {
    assert!(matches!(ended.code, Some(0..=2)), "{what}: exit {:?}\n{}", ended.code, ended.stderr);
    assert!(!ended.stderr.contains("panicked"), "{what} panicked:\n{}", ended.stderr);
}

#[test]
fn a_cell_at_xfd1048576_with_one_at_a1_is_refused_not_allocated() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "指标").unwrap();
    sheet.write_number(1_048_575, 16_383, 1.0).unwrap();
    book.save(dir.path().join("huge.xlsx")).unwrap();
    assert!(std::fs::metadata(dir.path().join("huge.xlsx")).unwrap().len() < 10_000);
    let ended = guarded(dir.path(), "huge.xlsx");
    assert_ends_well(&ended, "huge.xlsx");
    assert_eq!(ended.code, Some(2));
    assert_eq!(
        ended.stderr,
        "error[workbook-too-large]: sheet Sheet1 of workbook huge.xlsx is beyond a limit and was not read: its used \
         area (from its first cell to its last), or the cells written in it, exceed 8,388,608 cells\n  \
         ┌─ huge.xlsx!Sheet1!XFD1048576\n\nerror: 1 error found\n"
    );
    assert!(ended.took < Duration::from_secs(5), "{:?}", ended.took);
}

/// A cell alone at XFD1048576 is one cell: read (no header, so refused as headerless), costing nothing.
#[test]
fn a_lone_cell_at_the_last_row_and_column_costs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_number(1_048_575, 16_383, 1.0).unwrap();
    book.save(dir.path().join("corner.xlsx")).unwrap();
    let ended = guarded(dir.path(), "corner.xlsx");
    assert_ends_well(&ended, "corner.xlsx");
    assert!(ended.took < Duration::from_secs(5), "{:?}", ended.took);
}

/// Copies a zip, replacing (or adding) a member.
fn rezip(from: &[u8], member: &str, body: &mut dyn Read, method: zip::CompressionMethod) -> Vec<u8> {
    let mut source = zip::ZipArchive::new(std::io::Cursor::new(from)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(method).large_file(true);
    for i in 0..source.len() {
        let mut file = source.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        if name == member {
            continue;
        }
        out.start_file(name, options).unwrap();
        std::io::copy(&mut file, &mut out).unwrap();
    }
    out.start_file(member, options).unwrap();
    std::io::copy(body, &mut out).unwrap();
    out.finish().unwrap().into_inner()
}

/// Deflate data (one block of fixed Huffman codes) that inflates to a space and then `matches` × 258 more:
/// 13 bits for every 258 bytes, the ratio of a zip bomb.
fn deflated_spaces(matches: usize) -> Vec<u8> {
    let (mut out, mut acc, mut n) = (Vec::new(), 0u64, 0u32);
    let mut bits = |value: u64, count: u32, msb_first: bool| {
        for i in 0..count {
            let bit = if msb_first { value >> (count - 1 - i) & 1 } else { value >> i & 1 };
            acc |= bit << n;
            n += 1;
            if n == 8 {
                out.push(acc as u8);
                (acc, n) = (0, 0);
            }
        }
    };
    bits(1, 1, false); // the last block
    bits(1, 2, false); // fixed Huffman codes
    bits(0x30 + u64::from(b' '), 8, true); // the literal space
    for _ in 0..matches {
        bits(0b1100_0101, 8, true); // length 258 (code 285)
        bits(0, 5, true); // distance 1
    }
    bits(0, 7, true); // end of block
    bits(0, 7, false); // flush
    out
}

/// A zip of one deflated member, written by hand so that its declared size can be anything.
fn one_member_zip(name: &str, data: &[u8], declared: u32) -> Vec<u8> {
    let mut local = Vec::new();
    let header = |out: &mut Vec<u8>, central: bool| {
        out.extend_from_slice(if central { b"PK\x01\x02\x14\x00" } else { b"PK\x03\x04" });
        out.extend_from_slice(&[0x14, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&declared.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        if central {
            out.extend_from_slice(&[0; 14]); // comment, disk, attributes, and the local header at 0
        }
        out.extend_from_slice(name.as_bytes());
    };
    header(&mut local, false);
    local.extend_from_slice(data);
    let start = local.len() as u32;
    header(&mut local, true);
    let size = local.len() as u32 - start;
    local.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00");
    local.extend_from_slice(&size.to_le_bytes());
    local.extend_from_slice(&start.to_le_bytes());
    local.extend_from_slice(&[0, 0]);
    local
}

/// The office workbook with its shared strings replaced by 300 MiB of spaces, in a file of about 2 MB: refused
/// whether the member declares its size or lies about it (the inflated bytes are counted).
#[test]
fn a_zip_bomb_is_refused_at_the_part_limit() {
    let dir = tempfile::tempdir().unwrap();
    office_workbook(&dir.path().join("office.xlsx"));
    let office = std::fs::read(dir.path().join("office.xlsx")).unwrap();
    let matches = (300 << 20) / 258;
    let spaces = deflated_spaces(matches);
    for (file, declared) in [("bomb.xlsx", 1 + 258 * matches as u32), ("liar.xlsx", 1000)] {
        let member = one_member_zip("xl/sharedStrings.xml", &spaces, declared);
        let mut bomb_zip = zip::ZipArchive::new(std::io::Cursor::new(member)).unwrap();
        let raw = bomb_zip.by_index_raw(0).unwrap();
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let mut source = zip::ZipArchive::new(std::io::Cursor::new(office.as_slice())).unwrap();
        for i in 0..source.len() {
            let original = source.by_index_raw(i).unwrap();
            if original.name().unwrap() != "xl/sharedStrings.xml" {
                out.raw_copy_file(original).unwrap();
            }
        }
        out.raw_copy_file(raw).unwrap();
        let bomb = out.finish().unwrap().into_inner();
        assert!(bomb.len() < 3 << 20, "{} bytes", bomb.len());
        std::fs::write(dir.path().join(file), bomb).unwrap();
        let ended = guarded(dir.path(), file);
        assert_ends_well(&ended, file);
        assert_eq!(ended.code, Some(2), "{}", ended.stderr);
        let said = format!(
            "error[workbook-too-large]: workbook {file} is beyond a limit and was not read: its part \
             xl/sharedStrings.xml is larger than 256 MiB uncompressed\n\nerror: 1 error found\n"
        );
        let lied = format!(
            "error[unreadable-file]: cannot read workbook {file}: xl/sharedStrings.xml: File is larger \
             than its declared uncompressed size\n\nerror: 1 error found\n"
        );
        assert!(ended.stderr == said || ended.stderr == lied, "{file}:\n{}", ended.stderr);
        assert!(ended.took < Duration::from_secs(20), "{file}: {:?}", ended.took);
    }
}

/// An .xls cut short at any point: an error, never a panic.
#[test]
fn a_truncated_xls_is_an_unreadable_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let xls = std::fs::read(fixtures().join("libreoffice-office.xls")).unwrap();
    for keep in [600, 1024, 1536, 2048, xls.len() / 2, xls.len() - 700, xls.len() - 1] {
        std::fs::write(dir.path().join("cut.xls"), &xls[..keep.min(xls.len())]).unwrap();
        let ended = guarded(dir.path(), "cut.xls");
        assert_ends_well(&ended, &format!("cut.xls ({keep} bytes)"));
        assert!(ended.took < Duration::from_secs(5), "{keep}: {:?}", ended.took);
    }
}

/// A fixed-seed xorshift: the same mutants on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A damaged copy: bytes flipped, a run overwritten with 0xFF or zeros, or the end cut off.
fn mutate(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = bytes.to_vec();
    match rng.below(4) {
        0 => {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
        }
        1 => {
            let (at, len) = (rng.below(out.len()), 1 + rng.below(16));
            let fill = if rng.below(2) == 0 { 0xFF } else { 0 };
            out.iter_mut().skip(at).take(len).for_each(|b| *b = fill);
        }
        2 => out.truncate(rng.below(out.len())),
        _ => {
            let i = rng.below(out.len());
            out[i] = rng.next() as u8;
        }
    }
    out
}

/// A workbook whose XML member is mutated and zipped again (a flip in the compressed bytes mostly breaks the
/// checksum; this reaches the XML readers).
fn mutate_member(book: &[u8], member: &str, rng: &mut Rng) -> Vec<u8> {
    let mut source = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut xml = Vec::new();
    source.by_name(member).unwrap().read_to_end(&mut xml).unwrap();
    let mutated = mutate(&xml, rng);
    rezip(book, member, &mut mutated.as_slice(), zip::CompressionMethod::Stored)
}

#[test]
fn mutated_workbooks_end_in_a_verdict_or_an_error() {
    let dir = tempfile::tempdir().unwrap();
    office_workbook(&dir.path().join("office.xlsx"));
    let xlsx = std::fs::read(dir.path().join("office.xlsx")).unwrap();
    let xls = std::fs::read(fixtures().join("libreoffice-office.xls")).unwrap();
    let ods = std::fs::read(fixtures().join("libreoffice-office.ods")).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut slowest = (Duration::ZERO, String::new());
    for i in 0..360 {
        let (name, bytes) = match i % 6 {
            0 => ("m.xlsx", mutate(&xlsx, &mut rng)),
            1 => ("m.xlsx", mutate_member(&xlsx, "xl/worksheets/sheet1.xml", &mut rng)),
            2 => ("m.xlsx", mutate_member(&xlsx, "xl/styles.xml", &mut rng)),
            3 => ("m.xls", mutate(&xls, &mut rng)),
            4 => ("m.ods", mutate_member(&ods, "content.xml", &mut rng)),
            _ => ("m.xlsx", mutate_member(&xlsx, "xl/sharedStrings.xml", &mut rng)),
        };
        std::fs::write(dir.path().join(name), &bytes).unwrap();
        let ended = guarded(dir.path(), name);
        if ended.code.is_none_or(|c| c > 2) {
            let kept = dir.path().join(format!("failed-{i}-{name}"));
            std::fs::write(&kept, &bytes).unwrap();
            std::fs::write(Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("mutant-{i}-{name}")), &bytes).unwrap();
        }
        assert_ends_well(&ended, &format!("mutant {i} ({name}, kept in CARGO_TARGET_TMPDIR)"));
        if ended.took > slowest.0 {
            slowest = (ended.took, format!("mutant {i} ({name})"));
        }
    }
    assert!(slowest.0 < Duration::from_secs(10), "slowest: {} took {:?}", slowest.1, slowest.0);
    let _ = std::io::stderr().write_all(format!("slowest mutant: {} in {:?}\n", slowest.1, slowest.0).as_bytes());
}

/// The first record of type `typ` and length `len` in an .xls file's bytes (the compound file holds the
/// workbook stream as it is, so a record can be patched in place).
fn record_at(xls: &[u8], typ: u16, len: u16) -> usize {
    let head = [typ.to_le_bytes(), len.to_le_bytes()].concat();
    xls.windows(4).position(|w| w == head).expect("the record is there")
}

/// An .xls whose DIMENSIONS record declares the whole BIFF8 grid (65,536 × 256): calamine would reserve it at
/// once; refused before it opens the file.
#[test]
fn an_xls_declaring_the_whole_grid_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut xls = std::fs::read(fixtures().join("libreoffice-office.xls")).unwrap();
    let at = record_at(&xls, 0x0200, 14) + 4;
    xls[at + 4..at + 8].copy_from_slice(&65_536u32.to_le_bytes());
    xls[at + 10..at + 12].copy_from_slice(&256u16.to_le_bytes());
    std::fs::write(dir.path().join("grid.xls"), &xls).unwrap();
    let ended = guarded(dir.path(), "grid.xls");
    assert_ends_well(&ended, "grid.xls");
    assert_eq!(
        ended.stderr,
        "error[workbook-too-large]: sheet 2025年监测 of workbook grid.xls is beyond a limit and was not read: its used \
         area (from its first cell to its last), or the cells written in it, exceed 8,388,608 cells\n\n\
         error: 1 error found\n"
    );
    assert!(ended.took < Duration::from_secs(5), "{:?}", ended.took);
}

/// An .xls with a number moved to the last row and column: the used area from A1 is beyond the limit, and the
/// error names that cell.
#[test]
fn an_xls_cell_far_from_the_table_is_refused_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut xls = std::fs::read(fixtures().join("libreoffice-office.xls")).unwrap();
    let at = record_at(&xls, 0x0203, 14) + 4;
    xls[at..at + 2].copy_from_slice(&65_535u16.to_le_bytes());
    xls[at + 2..at + 4].copy_from_slice(&255u16.to_le_bytes());
    std::fs::write(dir.path().join("far.xls"), &xls).unwrap();
    let ended = guarded(dir.path(), "far.xls");
    assert_ends_well(&ended, "far.xls");
    assert_eq!(ended.code, Some(2), "{}", ended.stderr);
    assert!(ended.stderr.contains("┌─ far.xls!2025年监测!IV65536"), "{}", ended.stderr);
}

/// A damaged .xls on which calamine panics (tests/fixtures/workbooks/make.py says where it comes from): the
/// panic is caught at the reader's boundary and said as an unreadable workbook, in both languages.
#[test]
fn a_panic_inside_the_reader_is_an_unreadable_workbook() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixtures().join("calamine-panics.xls"), dir.path().join("damaged.xls")).unwrap();
    let ended = guarded(dir.path(), "damaged.xls");
    assert_ends_well(&ended, "damaged.xls");
    assert_eq!(
        ended.stderr,
        "error[unreadable-file]: cannot read workbook damaged.xls: it is damaged (its reader stopped on malformed \
         content)\n\nerror: 1 error found\n"
    );
    let zh = super::check(dir.path(), "damaged.xls", &[]);
    assert_eq!(zh.code, 2);
    assert_eq!(
        zh.stderr,
        "错误[unreadable-file]: 无法读取工作簿 damaged.xls：文件已损坏（读取时遇到无效内容）\n\n错误：共 1 个错误\n"
    );
}
