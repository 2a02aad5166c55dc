import Foundation
import HummingbirdTesting
import ReveilleCore
import ReveilleStore
import Testing

/// Next to each prompt file the replies name its language (`promptLanguage`, `default` for the
/// hotel's default prompt), so the page shows staff a language, never a file name.
struct PromptLanguageAPITests {
    static func fixture() throws -> APITests.Fixture {
        let fixture = try APITests.Fixture { settings in
            settings.wakeUpDefaults.languagePrompts = ["en": "wake-en.gsm", "ja": "wake-ja.gsm"]
        }
        try fixture.store.save(
            Stay(id: 1, room: "1201", guestName: "张伟", arrival: APITests.now - 3600, departure: APITests.now + 2 * 86_400,
                 groupCode: "TOUR", language: "ja"),
            actor: "test", at: APITests.now)
        return fixture
    }

    @Test func theGuestAndTheirRingsNameTheLanguageOfTheirPrompt() async throws {
        try await Self.fixture().test { client in
            _ = try await client.send("/api/rooms/1201/wakeups", .post, token: APITests.reception, body: #"{"time":"06:30","date":"2026-11-25"}"#)
            let room = try APITests.object(try await client.send("/api/rooms/1201", .get, token: APITests.reception))
            let guest = try #require(room["guest"] as? [String: Any])
            #expect(guest["prompt"] as? String == "wake-ja.gsm")
            #expect(guest["promptLanguage"] as? String == "ja")
            let rings = try #require((room["desired"] as? [String: Any])?["wakeUps"] as? [[String: Any]])
            #expect(rings.map { $0["promptLanguage"] as? String } == ["ja"])
        }
    }

    @Test func aGuestWithoutALanguageHearsTheDefaultPrompt() async throws {
        try await Self.fixture().test { client in
            let room = try APITests.object(try await client.send("/api/rooms/1202", .get, token: APITests.reception))
            let guest = try #require(room["guest"] as? [String: Any])
            #expect(guest["prompt"] as? String == "fpm-world-mix.gsm")
            #expect(guest["promptLanguage"] as? String == "default")
        }
    }

    @Test func aWakeUpBookedWithALanguagesPromptNamesItAndAnUnknownFileNamesNone() async throws {
        try await Self.fixture().test { client in
            let booked = try await client.send("/api/rooms/1202/wakeups", .post, token: APITests.reception,
                                               body: #"{"time":"06:30","date":"2026-11-25","prompt":"wake-en.gsm"}"#)
            #expect(try (APITests.object(booked)["wakeUp"] as? [String: Any])?["promptLanguage"] as? String == "en")
            _ = try await client.send("/api/rooms/1202/wakeups", .post, token: APITests.reception,
                                      body: #"{"time":"07:30","date":"2026-11-25","prompt":"jingle.gsm"}"#)
            let list = try APITests.array(try await client.send("/api/rooms/1202/wakeups", .get, token: APITests.reception))
            #expect(list.map { $0["prompt"] as? String } == ["wake-en.gsm", "jingle.gsm"])
            #expect(list.map { $0["promptLanguage"] as? String } == ["en", nil])
        }
    }
}
