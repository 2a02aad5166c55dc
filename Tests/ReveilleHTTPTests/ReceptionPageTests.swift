import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ReveilleHTTP

/// The reception page is a set of ES modules: every module `app.js` imports, directly
/// or through another module, is served without a token as `text/javascript` (a browser refuses a
/// module with another type), and nothing but the page's own files is served.
struct ReceptionPageTests {
    /// The `./name.js` modules a module imports.
    static func imports(_ source: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"(?:import|from)\s*['"]\./([A-Za-z0-9_-]+\.js)['"]"#)
        return pattern.matches(in: source, range: NSRange(source.startIndex..., in: source)).map {
            String(source[Range($0.range(at: 1), in: source)!])
        }
    }

    @Test func everyModuleTheEntryImportsIsServedAsJavaScript() async throws {
        try await APITests.Fixture().test { client in
            let page = try await client.send("/", .get)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains(#"<script type="module" src="/app.js">"#))

            var seen: Set<String> = []
            var queue = ["app.js"]
            while let name = queue.popLast() {
                guard seen.insert(name).inserted else { continue }
                let response = try await client.send("/\(name)", .get)
                #expect(response.status == .ok, "\(name)")
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8", "\(name)")
                queue += Self.imports(String(buffer: response.body))
            }
            #expect(seen.isSuperset(of: ["app.js", "i18n.js", "api.js", "rooms.js", "groups.js", "night.js", "alerts.js"]))

            let css = try await client.send("/style.css", .get)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
        }
    }

    @Test func onlyThePagesOwnFilesAreServed() async throws {
        #expect(ReceptionPage.contentType(of: "app.js") == "text/javascript; charset=utf-8")
        #expect(ReceptionPage.contentType(of: "../Package.swift") == nil)
        #expect(ReceptionPage.contentType(of: ".hidden.js") == nil)
        #expect(ReceptionPage.contentType(of: "notes.md") == nil)
        try await APITests.Fixture().test { client in
            // Deny by default: a file that is not the page's is unknown to a signed-in client and
            // refused without a token (nothing is learned about what exists).
            let missing = try await client.send("/missing.js", .get, token: APITests.reception)
            #expect(missing.status == .notFound)
            let anonymous = try await client.send("/missing.js", .get)
            #expect(anonymous.status == .unauthorized)
            // The page itself is `/` only.
            let index = try await client.send("/index.html", .get, token: APITests.reception)
            #expect(index.status == .notFound)
        }
    }
}
