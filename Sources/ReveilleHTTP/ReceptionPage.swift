import Foundation
import Hummingbird

/// The reception page's files (package resources), read once: `index.html`, the stylesheet and the
/// page's ES modules (`app.js` imports the others; no build step). Every `.html`, `.css` and `.js`
/// file directly in `Resources/` is served at `/<name>` with its content type.
struct ReceptionPage: Sendable {
    private let files: [String: (type: String, bytes: Data)]

    /// The content type of a page file by its extension, `nil` for a file that is not served.
    static func contentType(of name: String) -> String? {
        // Only plain names: no folders, no hidden files.
        guard !name.hasPrefix("."), !name.contains("/"),
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") })
        else { return nil }
        if name.hasSuffix(".html") { return "text/html; charset=utf-8" }
        if name.hasSuffix(".js") { return "text/javascript; charset=utf-8" }
        if name.hasSuffix(".css") { return "text/css; charset=utf-8" }
        return nil
    }

    init() {
        var files: [String: (String, Data)] = [:]
        let folder = Bundle.module.url(forResource: "Resources", withExtension: nil)
        let names = folder.flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0.path) } ?? []
        for name in names {
            guard let type = Self.contentType(of: name), let folder,
                let data = try? Data(contentsOf: folder.appendingPathComponent(name))
            else { continue }
            files[name] = (type, data)
        }
        self.files = files
    }

    /// The served file names (`index.html`, `app.js`, `style.css`, the modules …), sorted.
    var names: [String] { files.keys.sorted() }

    func response(_ name: String) -> Response {
        guard let file = files[name] else { return Response(status: .notFound) }
        var headers = HTTPFields()
        headers[.contentType] = file.type
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}
