import Foundation
import Hummingbird

/// The reception page's files (package resources), read once.
struct ReceptionPage: Sendable {
    private let files: [String: (type: String, bytes: Data)]

    init() {
        var files: [String: (String, Data)] = [:]
        for (name, type) in [("index.html", "text/html; charset=utf-8"), ("app.js", "text/javascript; charset=utf-8"),
                             ("style.css", "text/css; charset=utf-8")] {
            let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources")
            if let url, let data = try? Data(contentsOf: url) { files[name] = (type, data) }
        }
        self.files = files
    }

    func response(_ name: String) -> Response {
        guard let file = files[name] else { return Response(status: .notFound) }
        var headers = HTTPFields()
        headers[.contentType] = file.type
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}
