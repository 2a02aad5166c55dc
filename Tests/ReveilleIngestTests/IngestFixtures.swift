import Foundation
import Logging
import PBXProtocol
import ReveilleCore
@testable import ReveilleIngest
import ReveilleStore
import Synchronization

/// A temporary store with rooms 1201–1212 and an importer on it (Shanghai, now 2026-11-24 20:00).
struct IngestFixture {
    static let now = Date(timeIntervalSince1970: 1_795_521_600)
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    let store: Store
    let importer: OccupancyImporter
    let changes = Changes()

    final class Changes: Sendable {
        let rooms = Mutex<Set<String>>([])
        var all: Set<String> { rooms.withLock { $0 } }
    }

    static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    static func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)").path
    }

    init(rooms: Int = 12, configure: (inout OccupancyImporter.Configuration) -> Void = { _ in }) throws {
        store = try Store(path: Self.temporaryFile("ingest.sqlite"))
        try store.save(rooms: (0..<rooms).map { Room(number: String(1201 + $0), phone: String(8201 + $0), floor: 12) },
                       actor: "test", at: Self.now)
        var configuration = OccupancyImporter.Configuration()
        configure(&configuration)
        let changes = self.changes
        importer = OccupancyImporter(store: store, timeZone: Self.zone, configuration: configuration,
                                     changed: { rooms in changes.rooms.withLock { $0.formUnion(rooms ?? []) } },
                                     now: { Self.now }, logger: Self.logger)
    }

    /// An export with the usual Chinese header.
    static func csv(_ rows: [String]) -> Data {
        Data((["房号,姓名,到店时间,离店时间,团队,预订号"] + rows).joined(separator: "\r\n").utf8)
    }

    /// Rows for rooms 1201… with guests 客人1…, arriving today, leaving in two days.
    static func guests(_ count: Int, from first: Int = 0) -> [String] {
        (first..<(first + count)).map { "\(1201 + $0),客人\($0),2026-11-24 14:00,2026-11-26 12:00,,R\($0)" }
    }

    func inHouseRooms() throws -> [String] {
        try store.inHouse().map(\.room).sorted()
    }
}
