import Logging
import ReveilleCore

/// Names the room next to the extension in log lines: a line whose metadata has
/// `extension=8208` (or `caller=8208`) and no room gets `room=1208` (`callerRoom=1208`) too, so the
/// night manager reading the journal sees the room the guest is in. It wraps the handler of the
/// loggers of parts that know only extensions — the PBX link (the frames it writes) and the
/// recorder of the PBX's events (answered and unanswered wake-ups, calls to the console) — with the
/// hotel's rooms from the rooms file, so those parts need no store. An extension of no room is left
/// as it is.
struct RoomNamingLogHandler: LogHandler {
    /// The metadata keys that hold an extension, and the key its room goes under.
    static let roomKeys = ["extension": "room", "caller": "callerRoom"]

    var wrapped: any LogHandler
    /// Room number by extension.
    let rooms: [String: String]

    init(wrapping wrapped: any LogHandler, rooms: [String: String]) {
        self.wrapped = wrapped
        self.rooms = rooms
    }

    /// The rooms of `rooms` by their extension (the first room of an extension shared by two).
    init(wrapping wrapped: any LogHandler, rooms: [Room]) {
        self.init(wrapping: wrapped, rooms: Dictionary(rooms.map { ($0.phone, $0.number) }, uniquingKeysWith: { first, _ in first }))
    }

    func log(event: LogEvent) {
        var event = event
        if let metadata = event.metadata { event.metadata = naming(metadata) }
        wrapped.log(event: event)
    }

    /// `metadata` with the room of each extension it names, unless a room is already there.
    func naming(_ metadata: Logger.Metadata) -> Logger.Metadata {
        var named = metadata
        for (key, roomKey) in Self.roomKeys where named[roomKey] == nil {
            guard let phone = metadata[key].map({ "\($0)" }), let room = rooms[phone] else { continue }
            named[roomKey] = .string(room)
        }
        return named
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }
}

extension Logger {
    /// The same logger, naming the room next to each extension it logs (``RoomNamingLogHandler``).
    func namingRooms(_ rooms: [Room]) -> Logger {
        var logger = self
        logger.handler = RoomNamingLogHandler(wrapping: handler, rooms: rooms)
        return logger
    }
}
