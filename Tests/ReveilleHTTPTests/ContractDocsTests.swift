import Foundation
import ReveilleCore
@testable import ReveilleHTTP
import Testing

/// Docs/openapi.yaml (checked against the running service by schemathesis in CI) is the
/// contract; docs/API.md and the server's route table cannot drift from it.
struct ContractDocsTests {
    static let repository = ConfigurationDefaultsTests.repository

    /// Every `METHOD /path` of docs/openapi.yaml.
    static func operations() throws -> [(method: String, path: String)] {
        let text = try String(contentsOf: repository.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        var operations: [(String, String)] = []
        var path: String?
        var inPaths = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":") { path = String(line.dropFirst(2).dropLast()); continue }
            for method in ["get", "post", "put", "delete"] where line == "    \(method):" {
                if let path { operations.append((method.uppercased(), path)) }
            }
        }
        return operations
    }

    @Test func everyOperationOfTheContractIsDocumentedInAPIMarkdown() throws {
        let markdown = try String(contentsOf: Self.repository.appendingPathComponent("docs/API.md"), encoding: .utf8)
        let operations = try Self.operations()
        #expect(operations.count >= 26)
        for (method, path) in operations {
            #expect(markdown.contains("\(method) \(path)"), "docs/API.md does not describe \(method) \(path)")
        }
        // …and API.md describes nothing the contract lacks.
        let mentioned = try NSRegularExpression(pattern: #"\b(GET|POST|PUT|DELETE) (/api/[A-Za-z0-9/{}_-]*[A-Za-z0-9}])"#)
        let range = NSRange(markdown.startIndex..., in: markdown)
        for match in mentioned.matches(in: markdown, range: range) {
            let method = String(markdown[Range(match.range(at: 1), in: markdown)!])
            let path = String(markdown[Range(match.range(at: 2), in: markdown)!])
            #expect(operations.contains { $0 == (method, path) }, "docs/API.md describes \(method) \(path), which openapi.yaml lacks")
        }
    }

    @Test func theErrorSchemaListsExactlyTheServicesErrorCodes() throws {
        let yaml = try String(contentsOf: Self.repository.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        let line = try #require(yaml.split(separator: "\n").first { $0.contains("code: {type: string, enum: [required,") })
        let list = try #require(line.split(separator: "[").dropFirst().first?.split(separator: "]").first)
        let documented = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(documented == Set(ErrorCode.allCases.map(\.rawValue)))
    }

    @Test func theRoutersRoutesAreExactlyTheContractsOperations() throws {
        var contract: [String: Set<String>] = [:]
        for (method, path) in try Self.operations() { contract[path, default: []].insert(method) }
        // Read from the router itself; HEAD answers wherever GET does and is not listed in the contract.
        let served = try APITests.Fixture().api.routeTable().filter { !$0.isPublic || $0.path == "/metrics" || $0.path.hasPrefix("/api/") }
        var router: [String: Set<String>] = [:]
        for route in served { router[route.path.replacingOccurrences(of: #"\{[A-Za-z]+\}"#, with: "{}", options: .regularExpression), default: []].formUnion(route.methods.filter { $0 != "HEAD" }) }
        var documented: [String: Set<String>] = [:]
        for (path, methods) in contract { documented[path.replacingOccurrences(of: #"\{[A-Za-z]+\}"#, with: "{}", options: .regularExpression), default: []].formUnion(methods) }
        #expect(router == documented)
    }
}

/// A late check-out (departure passed, the PMS has not checked the guest out) is still shown as the
/// room's guest: the PBX keeps the name and outside lines until the real check-out.
struct LateCheckOutAPITests {
    @Test func aGuestPastDepartureButNotCheckedOutIsStillListedAndShown() async throws {
        let fixture = try APITests.Fixture()
        try fixture.store.create(actor: "test", at: APITests.now) { id in
            Stay(id: id, room: "1204", guestName: "Late Guest", arrival: APITests.now - 3 * 86_400, departure: APITests.now - 3600)
        }
        try await fixture.test { client in
            let stays = try APITests.array(try await client.send("/api/stays", .get, token: APITests.reception))
            #expect(stays.contains { $0["room"] as? String == "1204" && $0["guest"] as? String == "Late Guest" })
            let room = try APITests.object(try await client.send("/api/rooms/1204", .get, token: APITests.reception))
            #expect((room["guest"] as? [String: Any])?["name"] as? String == "Late Guest")
            #expect((room["desired"] as? [String: Any])?["name"] as? String == "Late Guest")
        }
    }
}
