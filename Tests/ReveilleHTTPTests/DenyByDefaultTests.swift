import Foundation
import Hummingbird
import HummingbirdTesting
import ReveilleHTTP
import Testing

/// Deny by default at the HTTP edge: every route the router holds needs a token unless it is on
/// the public list, however its path is written. The table is read from the router itself, so a
/// route added later is covered without anyone remembering to add it here.
struct DenyByDefaultTests {
    /// A route's path with its parameters filled in (`/api/rooms/{room}` → `/api/rooms/1201`).
    static func concrete(_ path: String) -> String {
        path.split(separator: "/").map { $0.hasPrefix("{") ? ($0 == "{room}" ? "1201" : "1") : String($0) }
            .reduce("") { $0 + "/" + $1 }
    }

    /// The ways an attacker writes `/api/x` that a router might collapse onto it.
    static func variants(of path: String) -> [String] {
        let rest = path.dropFirst("/api/".count)
        let inner = rest.contains("/") ? ["/api/" + rest.replacingOccurrences(of: "/", with: "//")] : []
        return [
            "/" + path, "//" + path, "/." + path, "/api/./" + rest, "/static/.." + path, "/%2F" + path.dropFirst(),
            "/api%2F" + rest, "/API/" + rest, path + "/", path + ";a=b",
        ] + inner
    }

    static let guestNames = ["张伟", "Guest 1", "Guest 2", "Guest 3"]

    @Test func everyRouteButThePublicOnesAnswers401WithoutAToken() async throws {
        let fixture = try APITests.Fixture()
        let table = fixture.api.routeTable()
        #expect(table.count >= 30, "the router's routes: \(table.map(\.path))")
        // The public list: the page's files, nothing that names a guest or a room, and signing in.
        let open = table.filter(\.isPublic).filter { $0.path != "/api/session" }.map(\.path)
        #expect(open.allSatisfy { $0 == "/" || $0 == "/metrics" || $0.hasSuffix(".js") || $0.hasSuffix(".css") }, "\(open)")
        let session = table.filter { $0.path == "/api/session" }
        #expect(session.filter(\.isPublic).map(\.methods) == [["POST"]], "only signing in is open: \(session)")
        try await fixture.test { client in
            for route in table where !route.isPublic {
                for method in route.methods.compactMap(HTTPRequest.Method.init(_:)) {
                    let path = Self.concrete(route.path)
                    let plain = try await client.send(path, method)
                    #expect(plain.status == .unauthorized, "\(method) \(path)")
                    if method != .head { #expect(try APITests.error(plain)["code"] as? String == "unauthorized") }
                }
            }
        }
    }

    @Test func noWrittenFormOfAnAPIPathIsServedWithoutAToken() async throws {
        let fixture = try APITests.Fixture()
        let table = fixture.api.routeTable().filter { !$0.isPublic && $0.methods.contains("GET") }
        try await fixture.test { client in
            for route in table {
                for variant in Self.variants(of: Self.concrete(route.path)) {
                    for token: String? in [nil, APITests.admin] {
                        let response = try await client.send(variant, .get, token: token)
                        let body = String(buffer: response.body)
                        // Refused as not canonical (400), or unknown (401 without a token, 404 with one): never served.
                        #expect([.badRequest, .unauthorized, .notFound].contains(response.status), "GET \(variant) → \(response.status)")
                        if token == nil { #expect(response.status != .notFound, "GET \(variant): an unknown path without a token is 401") }
                        #expect(!Self.guestNames.contains(where: body.contains), "GET \(variant) leaked a guest: \(body.prefix(200))")
                    }
                }
            }
        }
    }

    @Test func nonCanonicalPathsAreRefusedWithTheirCode() async throws {
        try await APITests.Fixture().test { client in
            for path in ["//api/stays", "/./api/stays", "/api/stays/", "/api/stays;a=b", "/%2Fapi/stays", "/style.css/", "/static/../api/stays"] {
                let response = try await client.send(path, .get, token: APITests.reception)
                #expect(response.status == .badRequest, "\(path)")
                #expect(try APITests.error(response)["code"] as? String == "badPath", "\(path)")
            }
        }
    }

    @Test func thePageIsServedAtItsExactPathsWithTheHeadersOfAPageThatShowsGuests() async throws {
        try await APITests.Fixture().test { client in
            let page = try await client.send("/", .get)
            #expect(page.status == .ok)
            let policy = try #require(page.headers[.contentSecurityPolicy])
            #expect(policy.contains("frame-ancestors 'none'") && policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
            #expect(page.headers[HTTPFields.Element.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(page.headers[HTTPFields.Element.Name("X-Frame-Options")!] == "DENY")
            #expect(page.headers[HTTPFields.Element.Name("Referrer-Policy")!] == "no-referrer")
            let style = try await client.send("/style.css", .get)
            #expect(style.status == .ok)
            let api = try await client.send("/api/rooms", .get, token: APITests.reception)
            #expect(api.headers[.cacheControl] == "no-store")
            let refused = try await client.send("/api/rooms", .get)
            #expect(refused.headers[.cacheControl] == "no-store" && refused.headers[.contentSecurityPolicy] != nil)
        }
    }

    @Test func headAnswersWhereverGetDoesWithoutABodyAndIsDeniedAlike() async throws {
        try await APITests.Fixture().test { client in
            let page = try await client.send("/", .head)
            #expect(page.status == .ok)
            #expect(page.body.readableBytes == 0)
            let rooms = try await client.send("/api/rooms", .head, token: APITests.reception)
            #expect(rooms.status == .ok)
            #expect(rooms.body.readableBytes == 0)
            #expect(try await client.send("/api/rooms", .head).status == .unauthorized)
        }
    }

    @Test func aKnownPathWithAnotherMethodIs405NamingTheMethodsFromTheRouter() async throws {
        try await APITests.Fixture().test { client in
            let response = try await client.send("/api/rooms", .post, token: APITests.reception, body: "{}")
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "GET, HEAD")
            let error = try APITests.error(response)
            #expect(error["code"] as? String == "methodNotAllowed")
            #expect((error["params"] as? [String: String])?["allowed"] == "GET, HEAD")
            // A literal route wins over a parameter: /api/wakeups/outcomes is not /api/wakeups/{id}.
            let outcomes = try await client.send("/api/wakeups/outcomes", .delete, token: APITests.reception)
            #expect(outcomes.headers[.allow] == "GET, HEAD")
        }
    }
}
