import Foundation
import ReveilleCore
import Testing

/// The page translates the service's errors and alerts by code, never by their English: every
/// code the service can answer with and every alert kind has its Chinese text in `i18n.js`, and
/// no pattern over English sentences is left there.
struct ErrorCodeTranslationTests {
    static let i18n: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/ReveilleHTTP/Resources/i18n.js")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// The keys of `const NAME = { key: … }` in i18n.js.
    static func keys(of table: String) -> Set<String> {
        guard let start = i18n.range(of: "const \(table) = {") else { return [] }
        let body = i18n[start.upperBound...]
        var keys: Set<String> = []
        for line in body.split(separator: "\n") {
            if line.hasPrefix("};") { break }
            let trimmed = line.drop { $0 == " " }
            guard line.hasPrefix("  "), let colon = trimmed.firstIndex(of: ":") else { continue }
            let key = trimmed[..<colon]
            if key.allSatisfy({ $0.isLetter || $0.isNumber }) { keys.insert(String(key)) }
        }
        return keys
    }

    @Test func everyErrorCodeHasItsChineseText() {
        let translated = Self.keys(of: "ERRORS_ZH")
        // `invalid` has no more precise meaning than its English sentence, which the page shows.
        let missing = Set(ErrorCode.allCases.map(\.rawValue)).subtracting(translated).subtracting(["invalid"])
        #expect(missing.isEmpty, "codes without a Chinese text: \(missing.sorted())")
        let unknown = translated.subtracting(ErrorCode.allCases.map(\.rawValue))
        #expect(unknown.isEmpty, "texts for codes the service never sends: \(unknown.sorted())")
    }

    @Test func everyAlertKindHasItsChineseText() {
        let translated = Self.keys(of: "ALERTS_ZH")
        #expect(translated == Set(AlertKind.allCases.map(\.rawValue)))
    }

    @Test func thePageParsesNoEnglishSentences() {
        #expect(!Self.i18n.isEmpty)
        #expect(!Self.i18n.contains("new RegExp("), "i18n.js translates by code, not by matching English")
        #expect(!Self.i18n.contains("translateRule"))
    }
}
