import Foundation
@testable import ReveilleApp
import PBXProtocol
import ReveilleCore
import Testing

/// `wakeup.prompts` maps a guest language to its prompt file; each value is checked
/// as a §4.4 file name at start-up, and a bad one stops the start-up naming its key.
struct PromptConfigurationTests {
    @Test func thePromptMapIsReadFromTheFileAndTheEnvironment() async throws {
        let folder = try ServeTests.folder()
        let path = try ServeTests.config(folder, extra: "wakeup:\n  prompts:\n    zh: wake-zh.gsm\n    en: wake-en.ulaw")
        let configuration = try await ReveilleConfiguration.load(file: path, environment: ["WAKEUP_PROMPTS_JA": "wake-ja.alaw"])
        #expect(configuration.settings.wakeUpDefaults.languagePrompts == ["zh": "wake-zh.gsm", "en": "wake-en.ulaw", "ja": "wake-ja.alaw"])
        #expect(configuration.settings.wakeUpDefaults.prompt(for: "en") == "wake-en.ulaw")
        #expect(configuration.settings.wakeUpDefaults.prompt(for: "ko") == WakeUpEntry.defaultPrompt)
    }

    @Test func thePromptMapThatShipsPlaysEnglishAndChinesePrompts() async throws {
        let configuration = try await ReveilleConfiguration.load(file: nil, environment: [:])
        #expect(configuration.settings.wakeUpDefaults.languagePrompts == ["zh": "fpm-world-mix.gsm", "en": "wake-en.gsm"])
    }

    @Test func aPromptMapWithABadFileNameStopsTheStartUpNamingTheKey() async throws {
        let folder = try ServeTests.folder()
        let path = try ServeTests.config(folder, extra: "wakeup:\n  prompts:\n    zh: wake-zh.gsm\n    en: ../sounds/wake en.wav")
        do {
            _ = try await ReveilleConfiguration.load(file: path, environment: ["WAKEUP_PROMPTS_KO": "wake*ko.gsm"])
            Issue.record("a prompt map with bad file names was accepted")
        } catch let error as ReveilleConfiguration.Problems {
            let keys = error.problems.map { String($0.prefix { $0 != ":" }) }
            #expect(keys == ["wakeup.prompts.en", "wakeup.prompts.ko"])
            #expect(error.problems[0].hasSuffix("(§4.4)"))
            #expect(error.problems[0].contains("must be a plain file name without '/'"))
            #expect(error.problems[1].contains("without '*'"))
        }
    }

    @Test func aCountryCodeInsteadOfALanguageCodeIsNamed() async throws {
        let folder = try ServeTests.folder()
        let path = try ServeTests.config(folder, extra: "wakeup:\n  prompts:\n    cn: wake-zh.gsm")
        do {
            _ = try await ReveilleConfiguration.load(file: path, environment: [:])
            Issue.record("wakeup.prompts.cn was accepted")
        } catch let error as ReveilleConfiguration.Problems {
            #expect(error.problems == ["wakeup.prompts.cn: cn is a country, not a language code: use wakeup.prompts.zh"])
        }
    }
}
