import Foundation
import PBXProtocol

/// One of the console software's files in its install folder (§6.2 `Grade`, §6.3 `Clock`).
///
/// **Decision (the exchange, not in the vendor text):** the vendor names the files and the replies
/// but not how they travel. Reveille replaces the file's content with one request line ended by
/// CRLF; the console software answers by rewriting the same file, and the request is acknowledged
/// when a line of the file equals its reply (`extension/OK`, or the Clock line followed by `OK`).
/// One request at a time per folder. Text is UTF-8 or GB18030 (``ConsoleTextEncoding``).
public enum ConsoleFile: String, Hashable, Sendable, CaseIterable {
    case grade = "Grade"
    case clock = "Clock"

    /// What a file holds, compared with the request waiting for its answer.
    public enum Reading: Hashable, Sendable {
        /// The reply is there.
        case acknowledged
        /// Still the request (or nothing): keep waiting.
        case waiting
        /// Something else: kept for the failure message if no reply comes.
        case unexpected(String)
    }

    /// Classifies `content` for a `request` answered by `reply`.
    public static func read(_ content: String, request: String, reply: String) -> Reading {
        let lines = content.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if lines.contains(reply) { return .acknowledged }
        if lines.isEmpty || lines == [request] { return .waiting }
        return .unexpected(String(lines.joined(separator: " | ").prefix(200)))
    }

    /// Replaces the file with `line` + CRLF.
    static func write(_ line: String, to url: URL, encoding: ConsoleTextEncoding) throws {
        try Data(encoding.encode(line + "\r\n")).write(to: url)
    }

    /// The file's text, at most 64 KiB of it (a garbage reply file cannot exhaust memory); `nil` if unreadable.
    static func contents(of url: URL, encoding: ConsoleTextEncoding) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 64 * 1024) else { return "" }
        return encoding.decode(data)
    }
}
