import Foundation
import Hummingbird

/// Comma-separated text (RFC 4180) for the CSV exports (the night's wake-ups, the audit
/// log, CDRs for billing): a header row, every field quoted when it holds a comma, quote or line
/// break; a field starting with `=`, `+`, `-` or `@` gets a leading `'` so that a spreadsheet never
/// runs it as a formula.
enum CSVResponse {
    static func text(header: [String], rows: [[String?]]) -> String {
        ([header] + rows.map { $0.map { $0 ?? "" } }).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func response(header: [String], rows: [[String?]], name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(name).csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text(header: header, rows: rows))))
    }

    private static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `?format=` absent or `json` → false, `csv` → true; anything else is a 400 naming `format`.
    static func wanted(_ request: Request) throws -> Bool {
        switch request.uri.queryParameters.get("format") {
        case nil, "json": return false
        case "csv": return true
        case let other?: throw APIError.notOneOf("format", other, ["json", "csv"])
        }
    }
}
