import Foundation
import Hummingbird
import HummingbirdTesting
import ReveilleCore
import ReveilleHTTP
import ReveilleServices
import ReveilleStore
import Testing

/// People sign in as themselves: a user name and password give a session cookie; the session
/// says who is signed in, ends on sign-out, after `http.sessionIdle` without a request and when
/// the account is disabled; changes made with it need the page's header; names cannot be probed.
struct SessionAPITests {
    typealias F = SessionFixture

    @Test func aPersonSignsInSeesWhoIsSignedInAndSignsOut() async throws {
        let fixture = try await F()
        try await fixture.test { client in
            let signedIn = try await F.signIn(client, "Wang.Fang")  // user names are compared in lower case
            #expect(signedIn.status == .ok)
            let body = try APITests.object(signedIn)
            #expect(body["user"] as? String == "wang.fang" && body["name"] as? String == "王芳" && body["role"] as? String == "reception")
            #expect(body["via"] as? String == "session" && body["idleSeconds"] as? Int == 900)
            let cookie = try #require(F.cookie(of: signedIn))
            #expect(cookie.count == 43, "32 random bytes, base64url")

            let who = try await F.send(client, "/api/session", .get, cookie: cookie)
            #expect(who.status == .ok)
            #expect(try APITests.object(who)["name"] as? String == "王芳")
            let me = try APITests.object(try await F.send(client, "/api/me", .get, cookie: cookie))
            #expect(me["role"] as? String == "reception" && me["name"] as? String == "王芳")
            #expect(try await F.send(client, "/api/rooms", .get, cookie: cookie).status == .ok)

            let out = try await F.send(client, "/api/session", .delete, cookie: cookie)
            #expect(out.status == .noContent)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            let after = try await F.send(client, "/api/session", .get, cookie: cookie)
            #expect(after.status == .unauthorized)
            #expect(try await F.send(client, "/api/rooms", .get, cookie: cookie).status == .unauthorized)
        }
    }

    @Test func theCookieIsHttpOnlySameSiteStrictOnTheWholeSiteAndSecureOnlyWhenConfigured() async throws {
        for secure in [false, true] {
            let fixture = try await F(secureCookies: secure)
            try await fixture.test { client in
                let header = try #require(try await F.signIn(client, "wang.fang").headers[.setCookie])
                let attributes = Set(header.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
                #expect(attributes.contains("httponly") && attributes.contains("samesite=strict") && attributes.contains("path=/"), "\(header)")
                #expect(attributes.contains("secure") == secure, "\(header)")
                #expect(!attributes.contains(where: { $0.hasPrefix("max-age") || $0.hasPrefix("expires") }), "a session cookie, gone with the browser")
            }
        }
    }

    @Test func aWrongPasswordAndAnUnknownUserGetTheSameAnswer() async throws {
        let fixture = try await F()
        try await fixture.test { client in
            let wrong = try await F.signIn(client, "wang.fang", "not the password at all")
            let unknown = try await F.signIn(client, "nobody.here", "not the password at all")
            let malformed = try await F.signIn(client, "Not A Name!", "not the password at all")
            for response in [wrong, unknown, malformed] {
                #expect(response.status == .unauthorized)
                #expect(response.headers[.setCookie] == nil)
                let error = try APITests.error(response)
                #expect(error["code"] as? String == "badCredentials")
                #expect(error["rule"] as? String == "unknown user name or wrong password")
            }
            #expect(String(buffer: wrong.body) == String(buffer: unknown.body))
            #expect(String(buffer: wrong.body) == String(buffer: malformed.body))
        }
    }

    @Test func anUnknownUserCostsTheSameBcryptWorkAsAKnownOne() async throws {
        let store = try Store(path: FileManager.default.temporaryDirectory.appendingPathComponent("cost-\(UUID()).sqlite").path)
        let accounts = StaffAccounts(store: store, hasher: PasswordHasher(cost: 8))
        _ = try await accounts.add(userName: "wang.fang", displayName: "王芳", role: "reception", password: F.password, actor: "test")
        let clock = ContinuousClock()
        _ = try await accounts.signIn(userName: "nobody", password: "x")  // the dummy hash is made once, first
        var known: Duration = .zero
        var unknown: Duration = .zero
        for _ in 0..<3 {
            known += try await clock.measure { _ = try await accounts.signIn(userName: "wang.fang", password: "wrong password") }
            unknown += try await clock.measure { _ = try await accounts.signIn(userName: "nobody", password: "wrong password") }
        }
        // bcrypt at cost 8 is milliseconds; without the dummy an unknown name would answer in microseconds.
        #expect(unknown > known / 3, "known \(known), unknown \(unknown)")
    }

    @Test func fiveFailuresWithinFiveMinutesAre429WithRetryAfterOnTheClock() async throws {
        let fixture = try await F()
        try await fixture.test { client in
            for _ in 0..<5 {
                #expect(try await F.signIn(client, "wang.fang", "wrong password 123").status == .unauthorized)
                fixture.clock.advance(10)
            }
            // The right password too: the name is locked until the first failure is 5 minutes old.
            let locked = try await F.signIn(client, "wang.fang")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] == "250")
            let error = try APITests.error(locked)
            #expect(error["code"] as? String == "tooManyAttempts")
            #expect((error["params"] as? [String: String])?["retryAfter"] == "250")
            // Another person is not locked out.
            #expect(try await F.signIn(client, "li.na").status == .ok)
            // An unknown name locks alike (a lock tells nothing about who exists).
            for _ in 0..<5 { _ = try await F.signIn(client, "ghost", "wrong password 123") }
            #expect(try await F.signIn(client, "ghost", "wrong password 123").status == .tooManyRequests)

            fixture.clock.advance(249)
            #expect(try await F.signIn(client, "wang.fang").status == .tooManyRequests)
            fixture.clock.advance(1)
            #expect(try await F.signIn(client, "wang.fang").status == .ok)
        }
    }

    @Test func aSessionEndsAfterTheIdleTimeWithoutARequestOnTheClock() async throws {
        let fixture = try await F()
        try await fixture.test { client in
            let cookie = try #require(F.cookie(of: try await F.signIn(client, "wang.fang")))
            // Each request starts the idle time again.
            for _ in 0..<3 {
                fixture.clock.advance(899)
                #expect(try await F.send(client, "/api/session", .get, cookie: cookie).status == .ok)
            }
            fixture.clock.advance(900)
            let expired = try await F.send(client, "/api/session", .get, cookie: cookie)
            #expect(expired.status == .unauthorized)
            #expect(try APITests.error(expired)["code"] as? String == "unauthorized")
            // Gone for good: no later request brings it back.
            #expect(try await F.send(client, "/api/rooms", .get, cookie: cookie).status == .unauthorized)
        }
    }

    @Test func aChangeWithTheCookieNeedsThePagesHeaderButABearerTokenDoesNot() async throws {
        let fixture = try await F()
        try await fixture.test { client in
            let cookie = try #require(F.cookie(of: try await F.signIn(client, "wang.fang")))
            let booking = #"{"time":"06:30"}"#
            let forged = try await F.send(client, "/api/rooms/1201/wakeups", .post, cookie: cookie, header: false, body: booking)
            #expect(forged.status == .forbidden)
            #expect(try APITests.error(forged)["code"] as? String == "crossSiteRequest")
            #expect(try fixture.base.store.snapshot().policies.isEmpty, "nothing booked")
            let signOut = try await F.send(client, "/api/session", .delete, cookie: cookie, header: false)
            #expect(signOut.status == .forbidden)
            // Reads need no header.
            #expect(try await F.send(client, "/api/rooms", .get, cookie: cookie, header: false).status == .ok)

            let booked = try await F.send(client, "/api/rooms/1201/wakeups", .post, cookie: cookie, body: booking)
            #expect(booked.status == .created || booked.status == .ok, "\(String(buffer: booked.body))")
            let token = try await client.send("/api/rooms/1202/wakeups", .post, token: APITests.reception, body: booking)
            #expect(token.status == .created || token.status == .ok, "\(String(buffer: token.body))")
            // Signing in from another site's form is refused too.
            let loginCSRF = try await client.executeRequest(
                uri: "/api/session", method: .post, headers: F.page(cookie: nil, header: false),
                body: ByteBuffer(string: #"{"user":"wang.fang","password":"\#(F.password)"}"#))
            #expect(loginCSRF.status == .forbidden && loginCSRF.headers[.setCookie] == nil)
        }
    }

    @Test func theAuditAndAnAlertsAcknowledgementNameThePerson() async throws {
        let fixture = try await F()
        let alert = try fixture.base.store.raise(
            .unanswered, room: "1201", guest: "张伟", scheduledAt: APITests.now - 600, message: "missed", at: APITests.now)
        try await fixture.test { client in
            let cookie = try #require(F.cookie(of: try await F.signIn(client, "wang.fang")))
            let booked = try await F.send(client, "/api/rooms/1201/wakeups", .post, cookie: cookie, body: #"{"time":"06:30"}"#)
            #expect(booked.status == .created || booked.status == .ok)
            let acknowledged = try await F.send(
                client, "/api/alerts/\(alert.id)/acknowledge", .post, cookie: cookie, body: #"{"action":"called the room"}"#)
            #expect(acknowledged.status == .ok, "\(String(buffer: acknowledged.body))")
            #expect(try APITests.object(acknowledged)["acknowledgedBy"] as? String == "reception:王芳")
        }
        let actors = try fixture.base.store.audit(limit: 10).map(\.actor)
        #expect(actors.contains("reception:王芳"), "\(actors)")
    }

    @Test func aDisabledPersonIsRefusedAndTheirSessionEnds() async throws {
        let fixture = try await F()
        try await fixture.test { client in
            let cookie = try #require(F.cookie(of: try await F.signIn(client, "wang.fang")))
            #expect(try await F.send(client, "/api/session", .get, cookie: cookie).status == .ok)
            // As `reveille users disable` does from another process: only the database changes.
            _ = try fixture.accounts.disable(userName: "wang.fang", actor: "cli:root")
            #expect(try await F.send(client, "/api/session", .get, cookie: cookie).status == .unauthorized)
            let again = try await F.signIn(client, "wang.fang")
            #expect(again.status == .unauthorized)
            #expect(try APITests.error(again)["code"] as? String == "badCredentials")
        }
        #expect(fixture.api.sessions.count == 0, "the disabled account's session is forgotten")
    }

    @Test func aSignInWithoutAFieldIs400NamingItAndRolesStillHold() async throws {
        let fixture = try await F()
        try await fixture.test { client in
            let missing = try await client.executeRequest(
                uri: "/api/session", method: .post, headers: F.page(cookie: nil), body: ByteBuffer(string: #"{"user":"li.na"}"#))
            #expect(missing.status == .badRequest)
            #expect(try APITests.error(missing)["field"] as? String == "password")
            let cookie = try #require(F.cookie(of: try await F.signIn(client, "li.na")))
            let booking = try await F.send(client, "/api/rooms/1201/wakeups", .post, cookie: cookie, body: #"{"time":"06:30"}"#)
            #expect(booking.status == .forbidden)
            #expect(try APITests.error(booking)["code"] as? String == "forbidden")
        }
    }

    @Test func noPasswordHashOrSessionIdReachesTheLog() async throws {
        let fixture = try await F()
        let hash = try #require(try fixture.base.store.account(named: "wang.fang")?.passwordHash)
        try await fixture.test { client in
            _ = try await F.signIn(client, "wang.fang", "a wrong password")
            _ = try await F.signIn(client, "my-secret-passphrase", "")  // a password typed as the user name
            let signedIn = try await F.signIn(client, "wang.fang")
            let cookie = try #require(F.cookie(of: signedIn))
            _ = try await F.send(client, "/api/rooms/1201/wakeups", .post, cookie: cookie, body: #"{"time":"06:30"}"#)
            _ = try await F.send(client, "/api/session", .delete, cookie: cookie)
            let logged = fixture.logs.text
            #expect(logged.contains("signed in") && logged.contains("sign-in refused"), "\(logged)")
            #expect(!logged.contains(F.password) && !logged.contains("a wrong password") && !logged.contains("my-secret-passphrase"))
            #expect(logged.contains("wang.fang"), "a known account's failures name it")
            #expect(!logged.contains(hash) && !logged.contains("$2b$"))
            #expect(!logged.contains(cookie))
        }
        let audit = try fixture.base.store.audit(limit: 100).map { ($0.before ?? "") + ($0.after ?? "") }.joined()
        #expect(audit.contains("wang.fang") && !audit.contains(hash) && !audit.contains("$2b$"))
    }
}
