import Foundation

/// A guest's language as the PMS writes it (`zh`, `zh-CN`, `中文`, `English`, …), read as a short
/// lower-case code (`zh`, `en`, …) that picks the wake-up prompt.
public enum GuestLanguage {
    /// The codes a language column or event may name, with the names PMSs write for them (compared
    /// without case and surrounding spaces). `wakeup.prompts.<code>` is read for each code.
    public static let names: [String: [String]] = [
        "zh": ["chinese", "mandarin", "中文", "汉语", "漢語", "普通话", "简体中文", "繁體中文", "中国话", "zho", "chi", "cmn"],
        "yue": ["cantonese", "粤语", "廣東話", "广东话"],
        "en": ["english", "英语", "英文", "eng"],
        "ja": ["japanese", "日本語", "日语", "日文", "jpn"],
        "ko": ["korean", "한국어", "韩语", "韓語", "韩文", "kor"],
        "fr": ["french", "français", "francais", "法语", "fra", "fre"],
        "de": ["german", "deutsch", "德语", "deu", "ger"],
        "es": ["spanish", "español", "espanol", "西班牙语", "spa"],
        "it": ["italian", "italiano", "意大利语", "ita"],
        "pt": ["portuguese", "português", "portugues", "葡萄牙语", "por"],
        "ru": ["russian", "русский", "俄语", "rus"],
        "ar": ["arabic", "العربية", "阿拉伯语", "ara"],
        "th": ["thai", "ไทย", "泰语", "tha"],
        "vi": ["vietnamese", "tiếng việt", "越南语", "vie"],
        "id": ["indonesian", "bahasa indonesia", "印尼语", "ind"],
        "ms": ["malay", "bahasa melayu", "马来语", "msa", "may"],
        "hi": ["hindi", "हिन्दी", "印地语", "hin"],
        "tr": ["turkish", "türkçe", "turkce", "土耳其语", "tur"],
        "nl": ["dutch", "nederlands", "荷兰语", "nld", "dut"],
    ]

    /// Every code, sorted.
    public static var codes: [String] { names.keys.sorted() }

    private static let byName: [String: String] = {
        var table: [String: String] = [:]
        for (code, spellings) in names {
            table[code] = code
            for spelling in spellings { table[spelling] = code }
        }
        return table
    }()

    /// The code of `text`, or `nil` when it names no language of ``names``. A region or script
    /// suffix is dropped (`zh-CN`, `zh_Hant`, `en-GB` → `zh`, `zh`, `en`).
    public static func code(_ text: String) -> String? {
        let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
        if folded.isEmpty { return nil }
        if let code = byName[folded] { return code }
        let base = folded.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? folded
        return base == folded ? nil : byName[base]
    }
}
