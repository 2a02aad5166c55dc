import Clocks
import Foundation
import Logging
import PBXConsole
import PBXProtocol

/// A fresh temporary folder for one test.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("reveille-console-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func quietLogger() -> Logger {
    var logger = Logger(label: "console-test")
    logger.logLevel = .critical
    return logger
}

func wallClock(_ text: String) -> PBXDateTime { PBXDateTime(text)! }

func contents(_ folder: URL, _ name: String) -> String? {
    try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
}

func replace(_ folder: URL, _ name: String, with text: String) throws {
    try Data(text.utf8).write(to: folder.appendingPathComponent(name), options: .atomic)
}

/// Waits for the first activity matching `match`.
func next<T: Sendable>(_ stream: AsyncStream<T>, where match: (T) -> Bool) async -> T? {
    for await element in stream where match(element) { return element }
    return nil
}
