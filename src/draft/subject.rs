//! The words that name a clause's quantity: trimmed of the words around them (力争, 到2025年, 实现), and split
//! where one phrase names several separately measured quantities (新生儿、婴儿和5岁以下儿童死亡率 → three;
//! 孕产妇艾滋病、梅毒和乙肝检测率 → three). A split takes the reading the registry confirms best.

/// Words that open a clause without belonging to the quantity's name.
const LEADING: &[&str] = &[
    "力争", "确保", "保证", "保障", "促进", "实现", "推进", "推动", "全面", "其中", "同时", "并且", "并", "且", "使",
    "让", "将", "要", "到", "至", "，", "、", "在",
];

/// Words that close a subject without belonging to it.
const TRAILING: &[&str] = &["实现", "要", "能", "总体", "都", "，", "、", "的"];

/// Group words a list's first element may carry for every element (孕产妇艾滋病、梅毒 → 孕产妇 + …).
const GROUPS: &[&str] = &[
    "适龄妇女",
    "孕产妇",
    "妇女",
    "女性",
    "儿童",
    "中小学生",
    "学生",
    "农村",
    "城镇",
    "城市",
    "企业",
    "全市",
    "全区",
    "各级",
    "社区",
    "村",
];

/// The words without a scope phrase such as 以乡（镇）、街道为单位, which says where a rate is measured, not what.
pub fn without_scope(words: &str) -> String {
    match (words.find('以'), words.rfind("为单位")) {
        (Some(from), Some(to)) if from < to => format!("{}{}", &words[..from], &words[to + "为单位".len()..]),
        _ => words.to_string(),
    }
}

/// The quantity's words: no leading 力争/到2025年/year, no trailing 实现.
pub fn clean(words: &str) -> &str {
    let mut w = words.trim();
    loop {
        let before = w;
        for lead in LEADING {
            w = w.strip_prefix(lead).unwrap_or(w).trim_start();
        }
        w = strip_year(w);
        for trail in TRAILING {
            w = w.strip_suffix(trail).unwrap_or(w).trim_end();
        }
        if w == before {
            return w;
        }
    }
}

/// `2025年` or `2025年底前` at the start.
fn strip_year(w: &str) -> &str {
    let digits = w.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits != 4 {
        return w;
    }
    let rest = w[4..].strip_prefix('年').unwrap_or(&w[4..]);
    rest.strip_prefix("底前").or_else(|| rest.strip_prefix("前")).or_else(|| rest.strip_prefix("底")).unwrap_or(rest)
}

/// Top-level `、` positions (not inside brackets or quotes), as char indices.
fn list_marks(chars: &[char]) -> Vec<usize> {
    let mut depth = 0i32;
    let mut out = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        match c {
            '（' | '(' | '《' | '“' | '「' => depth += 1,
            '）' | ')' | '》' | '”' | '」' => depth -= 1,
            '、' if depth == 0 => out.push(i),
            _ => {}
        }
    }
    out
}

/// One way to read a list: the group word, the elements, the shared head.
struct Split {
    names: Vec<String>,
    hits: usize,
    score: i64,
}

/// The names a subject holds: itself, or one per element of a list before a shared head. `hit` says whether the
/// registry knows a name; `whole_known`, whether it knows the subject as one name (then only a list of short
/// words, such as diseases, is split).
pub fn split(words: &str, hit: &dyn Fn(&str) -> bool, whole_known: bool) -> Vec<String> {
    let levels: String = words.replace("两级", "").replace("三级", "");
    let chars: Vec<char> = levels.chars().collect();
    let marks = list_marks(&chars);
    if chars.contains(&'等') {
        return vec![words.to_string()];
    }
    if marks.is_empty() && !whole_known {
        return split_pair(&levels, hit).unwrap_or_else(|| vec![words.to_string()]);
    }
    if marks.is_empty() {
        return vec![words.to_string()];
    }
    let mut parts: Vec<String> = Vec::new();
    let mut from = 0;
    for &m in &marks {
        parts.push(chars[from..m].iter().collect());
        from = m + 1;
    }
    let mut last: String = chars[from..].iter().collect();
    if let Some((elem, rest)) = split_conjunction(&last) {
        parts.push(elem);
        last = rest;
    }
    if parts.len() + 1 > 4 || parts.iter().any(|p| p.is_empty()) || last.is_empty() {
        return vec![words.to_string()];
    }
    let best = readings(&parts, &last, hit).into_iter().max_by_key(|s| s.score);
    let Some(best) = best else { return vec![words.to_string()] };
    let short = best.names.len() > 1 && parts.iter().skip(1).all(|p| p.chars().count() <= 3);
    if best.hits == 0 && best.score < 0 || whole_known && !short && best.hits < best.names.len() {
        return vec![words.to_string()];
    }
    best.names
}

/// `妇女失业保险和工伤保险的参保人数` → two names, where the registry knows both (a pair joined by 和 is often
/// one quantity: 宫颈癌和乳腺癌防治知识知晓率).
fn split_pair(words: &str, hit: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
    let (first, last) = split_conjunction(words)?;
    let best = readings(std::slice::from_ref(&first), &last, hit).into_iter().max_by_key(|s| s.score)?;
    if best.hits == best.names.len() {
        return Some(best.names);
    }
    // 市政府及组成部门领导班子中的女性比例 (the second is the first's words and its own), 各级人大代表和常委会委员
    // 中的女性比例 (the second takes the first's opening 人大): the first takes the second's head.
    let last_chars: Vec<char> = last.chars().collect();
    let chars: Vec<char> = first.chars().collect();
    for cut in 1..last_chars.len() {
        let head: String = last_chars[cut..].iter().collect();
        let one = format!("{first}{head}");
        if !hit(&one) {
            continue;
        }
        let two = (1..=chars.len())
            .rev()
            .map(|k| format!("{}{last}", chars[..k].iter().collect::<String>()))
            .find(|c| hit(c));
        if let Some(two) = two {
            return Some(vec![one, two]);
        }
    }
    // 未成年人犯罪人数占未成年人人口数量的比重和全部犯罪人数的比重: the second takes the first's opening words.
    let completed =
        (2..=chars.len()).rev().map(|k| format!("{}{last}", chars[..k].iter().collect::<String>())).find(|c| hit(c))?;
    hit(&first).then(|| vec![first, completed])
}

/// `婴儿和5岁以下儿童死亡率` → (`婴儿`, `5岁以下儿童死亡率`): the list's last element joined by 和/及/与.
fn split_conjunction(last: &str) -> Option<(String, String)> {
    let chars: Vec<char> = last.chars().collect();
    let at = chars.iter().position(|c| "和及与".contains(*c))?;
    (at > 0 && at + 1 < chars.len()).then(|| (chars[..at].iter().collect(), chars[at + 1..].iter().collect()))
}

/// Every reading of the list, scored: registry hits first, then elements of even length.
fn readings(parts: &[String], last: &str, hit: &dyn Fn(&str) -> bool) -> Vec<Split> {
    let first = &parts[0];
    let first_chars: Vec<char> = first.chars().collect();
    // The group words the first element may carry for all: a known group word scores as such; any other
    // opening of the first element counts only where the registry confirms it (区属国有企业董事会、监事会…).
    let mut groups: Vec<(String, bool)> = vec![(String::new(), true)];
    groups.extend((1..first_chars.len()).map(|k| {
        let g: String = first_chars[..k].iter().collect();
        let known = GROUPS.contains(&g.as_str()) || age_group(first).as_deref() == Some(g.as_str());
        (g, known)
    }));
    let last_chars: Vec<char> = last.chars().collect();
    let mut out = Vec::new();
    for (group, known) in &groups {
        let mut elems: Vec<String> = parts.to_vec();
        elems[0] = first[group.len()..].to_string();
        let lengths: Vec<i64> = elems.iter().map(|e| e.chars().count() as i64).collect();
        let typical = lengths.iter().copied().max().unwrap_or(0);
        for cut in 1..=last_chars.len() {
            let (elem, head): (String, String) =
                (last_chars[..cut].iter().collect(), last_chars[cut..].iter().collect());
            let mut all = elems.clone();
            all.push(elem.clone());
            let names: Vec<String> = all.iter().map(|e| format!("{group}{e}{head}")).collect();
            if head.is_empty() && !names.iter().all(|n| super::indicator::is_measure(n) || hit(n)) {
                continue;
            }
            let hits = names.iter().filter(|n| hit(n)).count();
            // The first name holds the whole first element whatever the group: a group of one's own must be
            // confirmed by another name too.
            if !known && hits < 2 {
                continue;
            }
            let len = elem.chars().count() as i64;
            let even = lengths.iter().map(|l| (len - l).abs()).min().unwrap_or(0);
            let formed = super::indicator::is_measure(&format!("x{head}")) || head.is_empty();
            let worded = HEADS.iter().chain(GROUPS).any(|h| head.starts_with(h));
            let score = hits as i64 * 100 + i64::from(worded) * 20
                - even * 10
                - i64::from(!formed) * 50
                - if typical < 2 { 60 } else { 0 }
                + i64::from(*known) * 5;
            out.push(Split { names, hits, score });
        }
    }
    out
}

/// Words a list's shared head usually opens with (…检测率, …死亡率, …中的女性比例).
const HEADS: &[&str] = &[
    "检测", "死亡", "患病", "筛查", "人群", "治疗", "入学", "发生", "发病", "覆盖", "近视", "知晓", "接种", "参保",
    "巩固", "普及", "合格", "达标", "传播", "感染", "检查", "管理", "阶段", "中的", "中女", "比例", "占比", "毛入",
    "净入", "率",
];

/// `5岁以下儿童贫血率` → `5岁以下儿童`.
fn age_group(first: &str) -> Option<String> {
    let at = first.find("岁以下儿童")?;
    let end = at + "岁以下儿童".len();
    (first[..at].chars().all(|c| c.is_ascii_digit()) && at > 0 && end < first.len()).then(|| first[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(name: &str) -> bool {
        ["新生儿死亡率", "婴儿死亡率", "5岁以下儿童死亡率", "5岁以下儿童贫血率", "小学阶段净入学率", "初中阶段净入学率"]
            .contains(&name)
    }

    #[test]
    fn lists_split_into_one_name_per_quantity() {
        assert_eq!(
            split("新生儿、婴儿和5岁以下儿童死亡率", &known, false),
            ["新生儿死亡率", "婴儿死亡率", "5岁以下儿童死亡率"]
        );
        assert_eq!(
            split("孕产妇艾滋病、梅毒和乙肝检测率", &known, true),
            ["孕产妇艾滋病检测率", "孕产妇梅毒检测率", "孕产妇乙肝检测率"]
        );
        assert_eq!(
            split("5岁以下儿童贫血率、生长迟缓率、低体重率", &known, false),
            ["5岁以下儿童贫血率", "5岁以下儿童生长迟缓率", "5岁以下儿童低体重率"]
        );
        assert_eq!(split("小学、初中阶段净入学率", &known, false), ["小学阶段净入学率", "初中阶段净入学率"]);
        assert_eq!(split("企业董事会、监事会成员及管理层中的女性比例", &known, true).len(), 1);
        assert_eq!(split("儿童溺水、跌倒等伤害死亡率", &known, false).len(), 1);
    }

    #[test]
    fn clean_drops_the_words_around_a_name() {
        assert_eq!(clean("力争到2025年孕产妇死亡率"), "孕产妇死亡率");
        assert_eq!(clean("2025年"), "");
    }
}
