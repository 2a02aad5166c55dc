import Foundation
import ReveilleCore

/// How to read a PMS's occupancy export: which column is what, how dates and statuses are written.
///
/// Each column is found by any of several header names (compared without case and surrounding
/// spaces); the defaults know the usual English and Chinese headers.
public struct OccupancyMapping: Sendable, Hashable {
    public var room = ["room", "room number", "room no", "room no.", "room #", "room nr", "rm", "房号", "房间号", "房间"]
    public var guest = [
        "guest", "name", "guest name", "customer", "customer name", "guest full name", "full name", "姓名", "客人姓名", "宾客姓名",
    ]
    public var arrival = [
        "arrival", "arrival date", "arrival time", "check-in", "check in", "checkin", "check-in date", "arr", "到店时间", "入住时间", "抵店时间",
    ]
    public var departure = [
        "departure", "departure date", "departure time", "check-out", "check out", "checkout", "check-out date", "dep", "离店时间",
        "退房时间",
    ]
    /// Optional: without a status column every row is in house.
    public var status = ["status", "状态"]
    /// Optional: booking or group code for group wake-ups.
    public var group = ["group", "group code", "团队", "团号", "团队代码"]
    /// Optional: the PMS's booking number, which keeps a stay's identity across room moves.
    public var booking = [
        "booking", "booking no", "booking number", "reservation", "reservation no", "reservation number", "confirmation",
        "confirmation no", "conf no", "resv no", "预订号", "订单号",
    ]
    /// Optional: the guest's language (`zh`, `en`, `中文`, `English`, …, see ``GuestLanguage``),
    /// which picks the wake-up prompt.
    public var language = ["language", "lang", "guest language", "语言", "语种", "客人语言"]
    /// Status values meaning "in house" and "left" (compared without case); others are row errors.
    public var inHouseStatuses = ["i", "in", "inhouse", "in house", "in-house", "checked in", "在住", "入住"]
    public var departedStatuses = ["o", "out", "checkedout", "checked out", "离店", "退房", "已离店"]
    /// How the PMS writes dates: the order of year, month and day (any separators).
    public enum DateOrder: String, Sendable, Hashable, CaseIterable {
        case ymd, dmy, mdy
    }

    public var dateOrder = DateOrder.ymd
    /// Time of day for an arrival or departure given as a date only.
    public var arrivalTime = "14:00"
    public var departureTime = "12:00"

    public init() {}

    /// The index of each mapped column in `header`.
    struct Columns {
        var room: Int
        var guest: Int
        var arrival: Int
        var departure: Int
        var status: Int?
        var group: Int?
        var booking: Int?
        var language: Int?
    }

    /// Finds the columns, or says which required column is missing.
    func columns(in header: [String]) throws(OccupancyImportError) -> Columns {
        let normalized = header.map { $0.trimmedSpaces.lowercased() }
        func find(_ names: [String]) -> Int? {
            let wanted = Set(names.map { $0.lowercased() })
            return normalized.firstIndex { wanted.contains($0) }
        }
        func require(_ names: [String], _ what: String) throws(OccupancyImportError) -> Int {
            guard let index = find(names) else {
                throw OccupancyImportError(
                    line: 1, reason: "no \(what) column (looked for \(names.joined(separator: ", ")); header: \(header.joined(separator: ", ")))")
            }
            return index
        }
        return Columns(
            room: try require(room, "room"), guest: try require(guest, "guest name"),
            arrival: try require(arrival, "arrival"), departure: try require(departure, "departure"),
            status: find(status), group: find(group), booking: find(booking), language: find(language))
    }
}

/// An export that cannot be used as a whole (the previous snapshot stays in force).
public struct OccupancyImportError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public var description: String { "line \(line): \(reason)" }
}

/// A row that cannot be used: that room keeps its previous state.
public struct RowProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var room: String?
    public var reason: String

    /// The longest reason kept (Unicode scalars): a reason quotes the row's values, which may be huge.
    public static let reasonLength = 300

    /// A problem with its values cut: the room to ``InputBounds/codeLength`` scalars, the reason to
    /// ``reasonLength`` (a 1 MB room field is not repeated in the report).
    public init(file: String, line: Int, room: String?, reason: String) {
        self.file = InputBounds.excerpt(file, scalars: 255)
        self.line = line
        self.room = room.map { InputBounds.excerpt($0, scalars: InputBounds.codeLength) }
        self.reason = InputBounds.excerpt(reason, scalars: Self.reasonLength)
    }

    public var description: String { "\(file):\(line): \(reason)" }
}
