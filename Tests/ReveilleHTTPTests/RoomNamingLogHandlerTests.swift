import Logging
import ReveilleCore
import Synchronization
import Testing

@testable import ReveilleApp

/// Log lines of the parts that know only extensions (the PBX link, the recorder of the
/// PBX's events) name the room too.
struct RoomNamingLogHandlerTests {
    final class Lines: Sendable {
        let value = Mutex<[Logger.Metadata]>([])
    }

    /// Keeps the metadata of each line it is given.
    struct Capture: LogHandler {
        let lines: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        func log(event: LogEvent) {
            lines.value.withLock { $0.append(metadata.merging(event.metadata ?? [:]) { _, new in new }) }
        }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
    }

    static let rooms = [Room(number: "1208", phone: "8208", floor: 12), Room(number: "1305", phone: "8305", floor: 13)]

    /// The metadata of each line `body` logs through a logger naming ``rooms``.
    func logged(_ body: (Logger) -> Void) -> [Logger.Metadata] {
        let lines = Lines()
        let logger = Logger(label: "test") { _ in Capture(lines: lines) }.with(label: "pbx").namingRooms(Self.rooms)
        body(logger)
        return lines.value.withLock { $0 }
    }

    @Test func aLineNamingAnExtensionNamesItsRoomToo() {
        let lines = logged { $0.info("wake-up answered", metadata: ["extension": "8208"]) }
        #expect(lines == [["component": "pbx", "extension": "8208", "room": "1208"]])
    }

    @Test func theCallerOfACallToTheConsoleIsNamedWithItsRoom() {
        let lines = logged { $0.info("call to the operator console", metadata: ["caller": "8305", "callee": "8000"]) }
        #expect(lines.first?["callerRoom"] == "1305")
        #expect(lines.first?["room"] == nil)
    }

    @Test func anExtensionOfNoRoomAndARoomAlreadyNamedAreLeftAsTheyAre() {
        let lines = logged { logger in
            logger.info("write", metadata: ["extension": "8999"])
            logger.info("push", metadata: ["extension": "8208", "room": "1208A"])
            logger.info("link up")
        }
        #expect(lines == [["component": "pbx", "extension": "8999"], ["component": "pbx", "extension": "8208", "room": "1208A"], ["component": "pbx"]])
    }

    @Test func theLevelAndMetadataAreTheWrappedLoggers() {
        var logger = Logger(label: "test") { _ in Capture(lines: Lines()) }.namingRooms(Self.rooms)
        logger.logLevel = .error
        logger[metadataKey: "session"] = "7"
        #expect(logger.logLevel == .error)
        #expect(logger.handler.metadata["session"] == "7")
        #expect((logger.handler as? RoomNamingLogHandler)?.wrapped.logLevel == .error)
    }
}
