import Foundation
import GRDB
import ReveilleCore

extension Migrations {
    /// v6: stay keys the way PMSs export them (issue 9 §4). Before, a stay was filed under its bare
    /// booking number, or `guest|arrival` (seconds since 1970) without one: the rooms of a
    /// multi-room booking shared one key (only one was checked in), and a corrected guest name was
    /// a new stay. Now a key is (booking, room), or (room, arrival) without a booking number
    /// (``OccupancyRecord/key(booking:room:arrival:)``), and the booking number is kept beside it
    /// for the socket's checks.
    ///
    /// Each old key is rewritten from its stay's row, so exports and socket events find every stay
    /// again: a key equal to the stay's `guest|arrival` had no booking number; any other key was
    /// one. Where two stays would get the same key (the old code's check-out plus check-in for a
    /// corrected name), the in-house stay keeps it, else the newest.
    static func registerV6(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6: stay keys (booking, room) or (room, arrival)") { db in
            try db.alter(table: "stayKey") { t in t.add(column: "booking", .text) }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT stayKey.key, stay.id, stay.room, stay.guestName, stay.arrival FROM stayKey
                    JOIN stay ON stay.id = stayKey.stayID
                    ORDER BY stay.status = 'inHouse' DESC, stay.id DESC
                    """)
            try db.execute(sql: "DELETE FROM stayKey")
            for row in rows {
                let old: String = row["key"]
                let guest: String = row["guestName"]
                let arrival: Date = row["arrival"]
                let booking = old == "\(guest)|\(Int(arrival.timeIntervalSince1970))" ? nil : old
                try db.execute(
                    sql: "INSERT OR IGNORE INTO stayKey (key, stayID, booking) VALUES (?, ?, ?)",
                    arguments: [OccupancyRecord.key(booking: booking, room: row["room"], arrival: arrival), row["id"], booking])
            }
        }
    }
}
