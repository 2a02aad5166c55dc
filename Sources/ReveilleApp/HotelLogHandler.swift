import Foundation
import Logging

/// Log lines on standard error stamped in the hotel's time zone with its offset
/// (`2026-11-30T06:30:02+08:00`), so that a log line and the wake-up it is about read the same
/// wall clock. Otherwise the shape of swift-log's `StreamLogHandler`: level, label, metadata,
/// source, message.
public struct HotelLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let calendar: Calendar

    public init(label: String, timeZone: TimeZone, level: Logger.Level) {
        self.label = label
        self.logLevel = level
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        write(level: event.level, message: event.message, metadata: event.metadata, source: event.source)
    }

    private func write(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String) {
        var merged = self.metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit { merged.merge(explicit) { _, new in new } }
        let fields = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let text = "\(Self.timestamp(Date(), calendar: calendar)) \(level) \(label):\(fields) [\(source)] \(message)\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// `yyyy-MM-ddTHH:mm:ss±hh:mm` in the calendar's zone.
    static func timestamp(_ date: Date, calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = calendar.timeZone.secondsFromGMT(for: date)
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
            + "\(sign)\(two(minutes / 60)):\(two(minutes % 60))"
    }
}
