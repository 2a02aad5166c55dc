import Foundation
import ReveilleCore
import Testing

/// The pure rules of signing in: the fields of an account, failed sign-ins per name, and a
/// session's idle time, each with `now` passed in.
struct SignInRulesTests {
    static let now = Date(timeIntervalSince1970: 1_795_521_600)

    static func refusal(_ body: () throws -> Void) -> InputError? {
        do { try body() } catch { return error as? InputError }
        return nil
    }

    @Test func userNamesAreOneToThirtyTwoOfLowerCaseLettersDigitsDotUnderscoreAndDash() throws {
        #expect(try AccountFields.userName("Wang.Fang_2-x") == "wang.fang_2-x")
        #expect(try AccountFields.userName(String(repeating: "a", count: 32)).count == 32)
        #expect(Self.refusal { _ = try AccountFields.userName("") }?.code == .empty)
        #expect(Self.refusal { _ = try AccountFields.userName(String(repeating: "a", count: 33)) }?.code == .tooLong)
        for bad in ["wang fang", "王芳", "a/b", "a:b", "a\nb"] {
            let error = Self.refusal { _ = try AccountFields.userName(bad) }
            #expect(error?.code == .notAUserName && error?.field == "user", "\(bad)")
        }
    }

    @Test func displayNamesTakeAnyScriptUpToSixtyFourCharactersWithoutControlCharacters() {
        #expect(Self.refusal { try AccountFields.displayName("王芳") } == nil)
        #expect(Self.refusal { try AccountFields.displayName("Zoë O'Brien-Łukasz") } == nil)
        #expect(Self.refusal { try AccountFields.displayName("  ") }?.code == .empty)
        #expect(Self.refusal { try AccountFields.displayName(String(repeating: "王", count: 65)) }?.code == .tooLong)
        let control = Self.refusal { try AccountFields.displayName("王\u{7}芳") }
        #expect(control?.code == .controlCharacters && control?.field == "displayName")
    }

    @Test func passwordsAreTenToOneHundredTwentyEightCharactersAndNeverInTheirError() {
        #expect(Self.refusal { try AccountFields.password("0123456789") } == nil)
        let short = Self.refusal { try AccountFields.password("secret-99") }
        #expect(short?.code == .tooShort && short?.field == "password" && short?.params["minimum"] == "10")
        #expect(!(short.map { "\($0)" } ?? "").contains("secret-99"))
        #expect(Self.refusal { try AccountFields.password(String(repeating: "x", count: 129)) }?.code == .tooLong)
        #expect(Self.refusal { try AccountFields.password("0123456789\t") }?.code == .controlCharacters)
        #expect(Self.refusal { _ = try AccountFields.role("manager") }?.code == .notOneOf)
    }

    @Test func fiveFailuresWithinFiveMinutesLockANameUntilTheOldestIsFiveMinutesOld() {
        var throttle = SignInThrottle()
        for second in stride(from: 0.0, to: 50, by: 10) {
            #expect(throttle.retryAfter(user: "wang.fang", now: Self.now + second) == nil)
            throttle.failed(user: "wang.fang", now: Self.now + second)
        }
        #expect(throttle.retryAfter(user: "wang.fang", now: Self.now + 50) == 250)
        #expect(throttle.retryAfter(user: "li.na", now: Self.now + 50) == nil)
        #expect(throttle.retryAfter(user: "wang.fang", now: Self.now + 299) == 1)
        #expect(throttle.retryAfter(user: "wang.fang", now: Self.now + 300) == nil)
        // Four failures still count: one more locks again.
        throttle.failed(user: "wang.fang", now: Self.now + 300)
        #expect(throttle.retryAfter(user: "wang.fang", now: Self.now + 301) == 9)
    }

    @Test func aSuccessClearsTheFailuresAndMadeUpNamesCannotGrowMemory() {
        var throttle = SignInThrottle(maximumNames: 100)
        for _ in 0..<4 { throttle.failed(user: "wang.fang", now: Self.now) }
        throttle.succeeded(user: "wang.fang")
        for _ in 0..<4 { throttle.failed(user: "wang.fang", now: Self.now) }
        #expect(throttle.retryAfter(user: "wang.fang", now: Self.now) == nil)
        for index in 0..<1000 { throttle.failed(user: "made-up-\(index)", now: Self.now + Double(index)) }
        #expect(throttle.count <= 100)
    }

    @Test func aSessionLastsWhileUsedAndEndsAfterTheIdleTime() {
        var table = SessionTable<String>(idle: 900)
        table.open("a", account: 1, now: Self.now)
        table.open("b", account: 2, now: Self.now)
        #expect(table.use("a", now: Self.now + 899)?.account == 1)
        #expect(table.use("a", now: Self.now + 1798)?.account == 1, "each use starts the idle time again")
        #expect(table.use("b", now: Self.now + 900) == nil)
        #expect(table.use("a", now: Self.now + 2698) == nil)
        #expect(table.count == 0)
        table.open("c", account: 3, now: Self.now)
        table.open("d", account: 3, now: Self.now)
        table.open("e", account: 4, now: Self.now)
        #expect(table.close(account: 3) == 2)
        #expect(table.use("c", now: Self.now) == nil && table.use("e", now: Self.now)?.account == 4)
        table.close("e")
        #expect(table.use("e", now: Self.now) == nil)
    }
}
