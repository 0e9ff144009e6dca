//! No input makes the drafter panic: arbitrary bytes (as text and as a would-be .docx), and arbitrary text
//! built from the words plan documents are made of, so that every reading path (titles, headings, items,
//! tables, predicates, lists, gaps, counts) is walked with broken, doubled and cut-off pieces.

use plancheck::diag::Diagnostics;
use plancheck::draft::{draft, toml, Options};
use plancheck::indicator::Registry;
use plancheck::plan::{load_catalog, PlanSource};
use proptest::prelude::*;
use std::sync::OnceLock;

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| load_catalog(&PlanSource::Embedded, &mut Diagnostics::new()).registry)
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift, ..ProptestConfig::with_cases(cases) }
}

/// Pieces of plan documents, and pieces that break them.
const PIECES: &[&str] = &[
    "某市妇女发展规划（2021—2030年）\n",
    "某市儿童发展“十四五”规划\n",
    "某政发〔2023〕8号\n",
    "某市人民政府\n2023年5月10日\n",
    "二、发展领域、主要目标和策略措施\n",
    "（一）妇女与健康\n",
    "(二)儿童与安全。\n",
    "主要目标：\n",
    "策略措施：\n",
    "三、重点工程\n",
    "1．",
    "2.",
    "（3）",
    "- 4. ",
    "孕产妇死亡率",
    "新生儿、婴儿和5岁以下儿童死亡率",
    "孕产妇艾滋病、梅毒和乙肝检测率",
    "分别控制在3.2‰、5.25‰和6.5‰以下",
    "达到",
    "98%",
    "以上",
    "以下",
    "左右",
    "不低于本地区党员总数中女性比例",
    "与女职工比例相适应",
    "城乡差距缩小",
    "缩小两性家务劳动时间差距",
    "逐年提高",
    "上升趋势减缓",
    "以2020年为基数下降10%",
    "每年降低0.5个百分点",
    "2：3",
    "全覆盖",
    "至少配备1名",
    "109个社区养老服务站、",
    "对3所小学进行迁建",
    "覆盖率达到90%",
    "小学生10小时、初中生9小时",
    "以乡镇（街道）为单位",
    "，",
    "。",
    "、",
    "和",
    "（",
    "）",
    "——",
    "专栏1  主要指标\n",
    "\t类别\n\t序号\n\t指标名称（单位）\n\t目标值\n\t指标属性\n\n",
    "\t妇女与健康\n\t1\n\t婴儿死亡率（‰）\n\t<5\n\t约束性\n\n",
    "\t\n\t\n\t\n\t\n\t\n\n",
    "\n",
    "\t",
    "5.5",
    "十四五",
    "二〇三五",
    "率",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => "\\PC{0,6}",
        1 => "[0-9.%‰、，。]{0,4}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// Drafts the bytes; whatever comes back, rendering it must not panic either.
fn run(bytes: &[u8], name: &str) {
    let options = Options { prefix: "prop".into(), source: name.into() };
    if let Ok(d) = draft(name, bytes, registry(), &options) {
        for plan in &d.plans {
            let _ = toml::plan_file(plan, &d.registry);
        }
        let _ = toml::indicator_file(&d, "prop");
        let _ = plancheck::draft::summary::summary(&d);
    }
}

proptest! {
    #![proptest_config(config(3_000))]

    #[test]
    fn arbitrary_document_text_never_panics(text in text()) {
        run(text.as_bytes(), "prop.txt");
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        run(&bytes, "prop.txt");
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(&bytes);
        run(&zip, "prop.docx");
    }
}
