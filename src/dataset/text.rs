//! What a data file's bytes are as text: the encoding (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK),
//! where the first byte that fits none stands, old Mac line ends, and the separator (commas, or tabs as Excel's
//! "Unicode text" writes). A large UTF-8 file is not copied at all: its pages are mapped and checked in place.

/// The text of a data file: decoded into memory, or a large UTF-8 file's own mapped pages, checked once.
pub struct Text(Backing);

enum Backing {
    Owned(String),
    /// Bytes `start..` of the map are valid UTF-8 (checked by [`map_utf8`], the only maker of this variant).
    Mapped {
        map: memmap2::Mmap,
        start: usize,
    },
}

impl Text {
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Backing::Owned(text) => text,
            Backing::Mapped { map, start } => {
                let bytes = map.get(*start..).unwrap_or_default();
                // SAFETY: `map_utf8` checked these bytes as UTF-8 before making this variant, and a read-only map
                // is never written through. (A file rewritten by another program while mapped is outside what
                // plancheck can guard against, as for every program that maps files; docs/decisions.md says so.)
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
        }
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text(Backing::Owned(text))
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Backing::Owned(text) => write!(f, "Text::Owned({} bytes)", text.len()),
            Backing::Mapped { map, start } => write!(f, "Text::Mapped({} bytes)", map.len() - start),
        }
    }
}

/// A large file mapped as text, with what its scan found.
pub struct Mapped {
    pub text: Text,
    /// No quote anywhere: no field can run across a line break, so the text may be cut at any line.
    pub quote_free: bool,
}

/// Maps a regular file of at least `at_least` bytes and checks it on two threads: UTF-8 (a BOM skipped), no
/// lone carriage return, and whether it holds a quote. `None` when it is smaller, cannot be mapped, or is any
/// other encoding or line-end style: the caller reads and decodes it instead.
pub fn map_utf8(file: &std::fs::File, at_least: usize) -> Option<Mapped> {
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() < at_least as u64 {
        return None;
    }
    // SAFETY: a map is sound while no one changes the file under it. plancheck never writes it; that no other
    // program rewrites the file during a check is the assumption every program that maps files makes, stated in
    // docs/decisions.md. A file truncated meanwhile makes the pages past its end fault (SIGBUS): the handler
    // installed here ends the process with exit code 2 and a message instead of a crash. The map is read-only,
    // and becomes text only once checked below.
    truncation::watch();
    let map = unsafe { memmap2::Mmap::map(file) }.ok()?;
    let start = if map.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let bytes = map.get(start..)?;
    // Two halves cut at a line break (never inside a character), scanned at once.
    let middle = bytes.len() / 2;
    let cut = memchr::memchr(b'\n', bytes.get(middle..)?).map_or(bytes.len(), |i| middle + i + 1);
    let (front, back) = bytes.split_at(cut);
    let (a, b) = std::thread::scope(|scope| {
        let back = scope.spawn(|| scan(back));
        (scan(front), back.join().ok())
    });
    let b = b?;
    if !(a.utf8 && b.utf8) || a.lone_cr || b.lone_cr {
        return None;
    }
    let text = Text(Backing::Mapped { map, start });
    Some(Mapped { text, quote_free: !(a.quote || b.quote) })
}

/// A mapped file cut short by another program while it is read: the fault the kernel raises (SIGBUS) ends
/// plancheck with exit code 2 and says why, in both languages (a signal handler cannot know the run's).
mod truncation {
    /// What the process says before it ends.
    const MESSAGE: &str = crate::words::outputs::DATA_CHANGED;

    #[cfg(unix)]
    extern "C" fn on_fault(_: libc::c_int) {
        // Only async-signal-safe calls: write(2) and _exit(2).
        // SAFETY: MESSAGE is a static string; write and _exit are async-signal-safe.
        unsafe {
            libc::write(2, MESSAGE.as_ptr().cast(), MESSAGE.len());
            libc::_exit(2);
        }
    }

    /// Installs the handler, once.
    pub fn watch() {
        #[cfg(unix)]
        {
            static ONCE: std::sync::Once = std::sync::Once::new();
            ONCE.call_once(|| {
                let handler = on_fault as extern "C" fn(libc::c_int) as libc::sighandler_t;
                // SAFETY: the handler only calls async-signal-safe functions; SIGBUS is raised only by a fault on
                // a mapped page, and nothing else in plancheck handles it.
                unsafe {
                    libc::signal(libc::SIGBUS, handler);
                }
            });
        }
    }
}

struct Scan {
    utf8: bool,
    quote: bool,
    lone_cr: bool,
}

fn scan(bytes: &[u8]) -> Scan {
    // Each half ends at a line break, so no `\r\n` is cut in two.
    let lone_cr = lone_crs(bytes).next().is_some();
    Scan { utf8: simdutf8::basic::from_utf8(bytes).is_ok(), quote: memchr::memchr(b'"', bytes).is_some(), lone_cr }
}

/// Old Mac line ends (`\r` alone, as Excel for Mac saved CSV) become `\n`, so that lines count right;
/// offsets do not move.
pub fn lone_cr_to_lf(text: String) -> String {
    let lone: Vec<usize> = lone_crs(text.as_bytes()).collect();
    if lone.is_empty() {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in lone {
        if let Some(b) = bytes.get_mut(i) {
            *b = b'\n';
        }
    }
    // Only ASCII bytes changed into ASCII bytes: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The offsets of the carriage returns that no line feed follows (old Mac line ends).
fn lone_crs(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\r', bytes).filter(move |&i| bytes.get(i + 1) != Some(&b'\n'))
}

/// Tab-separated text (what Excel's "Unicode text" writes) or comma-separated, from the header: of the first
/// lines, the one that names the most columns plancheck knows (indicator, year, value, region, unit, a year)
/// decides, so that notes full of commas do not make a tab-separated file comma-separated. Without such a line,
/// the more frequent separator of the first lines.
pub fn sniff_delimiter(text: &str) -> u8 {
    // The first 20 lines that hold anything, each looked at up to its first 4 KiB (a header is short).
    let head: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(20).map(|l| prefix(l, 4096)).collect();
    let known = |line: &str, d: char| {
        line.split(d).filter(|f| !matches!(super::layout::column_role(f), super::layout::Column::Other)).count()
    };
    let best = |d: char| head.iter().map(|l| known(l, d)).max().unwrap_or(0);
    let (tab, comma) = (best('\t'), best(','));
    if tab != comma {
        return if tab > comma { b'\t' } else { b',' };
    }
    let (tabs, commas) =
        head.iter().fold((0, 0), |(t, c), l| (t + l.matches('\t').count(), c + l.matches(',').count()));
    if tabs > commas {
        b'\t'
    } else {
        b','
    }
}

pub use crate::words::diagnostics::FileKind;

/// The first `bytes` bytes of a text, cut at a character boundary.
fn prefix(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// Why bytes are no text: where the first bad byte stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadBytes {
    /// 1-based line and column (in characters before it) of the first bad byte.
    pub line: u32,
    pub col: u32,
    /// The bad byte.
    pub byte: u8,
    /// How the bytes were read: `UTF-8`, or the encoding a byte order mark names.
    pub read_as: &'static str,
    /// Read as GB18030 instead, the line of its first bad byte, when that is later.
    pub gb18030_line: Option<u32>,
    /// What the first bytes say the file is (a ZIP archive: an .xlsx workbook?).
    pub looks_like: Option<FileKind>,
}

impl BadBytes {
    fn at(bytes: &[u8], bad: usize, read_as: &'static str) -> BadBytes {
        let bad = bad.min(bytes.len());
        let index = crate::diag::LineIndex::of_bytes(bytes);
        let (line, line_start) = (index.line(bad), index.line_start(bad));
        let col = String::from_utf8_lossy(bytes.get(line_start..bad).unwrap_or_default()).chars().count() as u32 + 1;
        let byte = bytes.get(bad).copied().unwrap_or(0);
        BadBytes { line, col, byte, read_as, gb18030_line: None, looks_like: looks_like(bytes) }
    }
}

/// What the first bytes of a file say it is, for files that are no text.
fn looks_like(bytes: &[u8]) -> Option<FileKind> {
    let kinds: [(&[u8], FileKind); 5] = [
        (b"PK\x03\x04", FileKind::Zip),
        (b"\xD0\xCF\x11\xE0", FileKind::OldExcel),
        (b"\x89PNG", FileKind::Png),
        (b"%PDF", FileKind::Pdf),
        (b"\xFF\xD8\xFF", FileKind::Jpeg),
    ];
    kinds.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|(_, kind)| *kind)
}

/// Decodes the bytes of a text file; on failure, where the first byte that fits no encoding stands.
/// A byte order mark decides; else UTF-8, else GB18030 (which any GBK file also is).
pub fn decode(bytes: &[u8]) -> Result<String, BadBytes> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(body) {
            return Ok(text.into_owned());
        }
        let bad = first_malformed(encoding, body);
        let mut why = BadBytes::at(body, bad, encoding.name());
        if encoding != encoding_rs::UTF_8 {
            // Lines of UTF-16 text: count the line breaks of the part that decodes.
            let good = encoding.decode_without_bom_handling(&body[..bad]).0;
            why.line = good.matches('\n').count() as u32 + 1;
            why.col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
        }
        return Err(why);
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text.to_string()),
        Err(e) => e.valid_up_to(),
    };
    let gb = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes);
    if let Some(text) = gb.filter(|t| !t.contains('\0')) {
        return Ok(text.into_owned());
    }
    let nul = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    let gb_error = first_malformed(encoding_rs::GB18030, bytes).min(nul);
    let mut why = BadBytes::at(bytes, utf8_error, "UTF-8");
    let gb_line = BadBytes::at(bytes, gb_error, "GB18030").line;
    // Worth naming only when what GB18030 read up to there is text, not binary that happens to decode.
    let text_like =
        !bytes[..gb_error.min(bytes.len())].iter().any(|&b| (b < 0x20 && !b"\t\r\n".contains(&b)) || b == 0x7F);
    why.gb18030_line = (gb_line > why.line && text_like).then_some(gb_line);
    Err(why)
}

/// The offset of the first byte that `encoding` cannot decode (the length when all decode).
fn first_malformed(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut buf = [0u8; 4096];
    let mut pos = 0;
    loop {
        let rest = bytes.get(pos..).unwrap_or_default();
        let (result, read, _) = decoder.decode_to_utf8_without_replacement(rest, &mut buf, true);
        pos += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => return bytes.len(),
            encoding_rs::DecoderResult::OutputFull if read > 0 => continue,
            encoding_rs::DecoderResult::OutputFull => return pos,
            encoding_rs::DecoderResult::Malformed(bad, after) => {
                return pos.saturating_sub(bad as usize + after as usize);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb18030_and_utf16_decode_like_utf8() {
        let text = "指标,年份,数值\n婴儿死亡率,2020,3.40\n";
        let (gbk, _, _) = encoding_rs::GB18030.encode(text);
        assert_eq!(decode(&gbk).as_deref(), Ok(text));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&utf16).as_deref(), Ok(text));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(text.as_bytes());
        assert_eq!(decode(&bom).as_deref(), Ok(text));
    }

    #[test]
    fn bad_bytes_are_located_in_every_encoding() {
        let latin1 = b"indicator,year,value\nx,2025,9.5,caf\xe9\n";
        let bad = decode(latin1).unwrap_err();
        assert_eq!((bad.line, bad.col, bad.byte, bad.gb18030_line), (2, 15, 0xE9, None));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("a\n指标".encode_utf16().flat_map(|u| u.to_le_bytes()));
        utf16.extend([0x00, 0xD8, b'x', 0]); // a lone high surrogate
        let bad = decode(&utf16).unwrap_err();
        assert_eq!((bad.line, bad.col, bad.read_as), (2, 3, "UTF-16LE"));
        assert_eq!(decode(b"PK\x03\x04\xff").unwrap_err().looks_like, looks_like(b"PK\x03\x04"));
    }

    #[test]
    fn lone_carriage_returns_become_line_feeds() {
        assert_eq!(lone_cr_to_lf("a\rb\r\nc\r".to_string()), "a\nb\r\nc\n");
    }

    #[test]
    fn tabs_are_recognised_from_the_first_lines() {
        assert_eq!(sniff_delimiter("indicator\tyear\tvalue\nx\t2025\t1,5\n"), b'\t');
        assert_eq!(sniff_delimiter("indicator,year,value\nx,2025,\"a\tb\"\n"), b',');
    }

    /// Notes full of commas do not outvote the tabs of the header.
    #[test]
    fn the_header_decides_the_separator() {
        let text = "指标\t年份\t数值\t备注\n孕产妇死亡率\t2025\t9.5\t据卫健委，含流动人口，按常住口径，未含外出务工\n";
        assert_eq!(sniff_delimiter(text), b'\t');
        assert_eq!(sniff_delimiter("2025年监测数据，单位：%,,\nindicator\tyear\tvalue\n"), b'\t');
    }
}
