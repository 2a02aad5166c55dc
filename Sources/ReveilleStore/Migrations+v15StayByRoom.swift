import GRDB

extension Migrations {
    /// v15: a room's stays by status and by departure. A room's read (a booking, a group, its page)
    /// asks for its current stays; by `stay(room)` alone SQLite read every stay the room ever had
    /// (130 a room after 400 days at a large hotel, each on its own page), and so did the reads of
    /// the room's wake-ups and DND windows (whose own bookings without a stay are now found by room
    /// and stay together).
    static func registerV15(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v15-stay-by-room") { db in
            try db.create(index: "stay_by_room_status", on: "stay", columns: ["room", "status"])
            try db.create(index: "stay_by_room_departure", on: "stay", columns: ["room", "departure"])
            try db.create(index: "wakeUpPolicy_by_room_stay", on: "wakeUpPolicy", columns: ["room", "stayID"])
            try db.create(index: "dndWindow_by_room_stay", on: "dndWindow", columns: ["room", "stayID"])
        }
    }
}
