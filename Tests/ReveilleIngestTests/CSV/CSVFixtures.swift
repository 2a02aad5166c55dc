import Foundation

/// Files under `Tests/ReveilleIngestTests/Fixtures/`, found relative to this source file (not as resources).
enum CSVFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // CSV
        .deletingLastPathComponent()  // ReveilleIngestTests
        .appendingPathComponent("Fixtures")

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(relativePath))
    }

    /// UTF-8 bytes of `text`, so tests can spell line ends and quotes exactly.
    static func utf8(_ text: String) -> Data { Data(text.utf8) }
}
