extension API {
    /// `GET /api/status`: the link, the outbox, the imports, the hotel's clock and the alerts.
    public struct Status: Codable, Hashable, Sendable {
        /// Pushes waiting for the PBX and pushes it refused for good.
        public struct Outbox: Codable, Hashable, Sendable {
            public var pending: Int
            public var failed: Int

            public init(pending: Int, failed: Int) {
                self.pending = pending
                self.failed = failed
            }
        }

        /// The occupancy imports and the age of the PMS's export.
        public struct Import: Codable, Hashable, Sendable {
            /// The latest import (absent: none since the service started).
            public var last: ImportReport?
            /// The export held back until a later one confirms it or an admin approves it.
            public var held: ImportReport?
            /// Seconds since the PMS last wrote its export (absent: no export configured, or no file).
            public var exportAgeSeconds: Int?
            /// True when the export is missing or older than `ingest.csv.staleAfter`: the PMS may have
            /// stopped exporting, and check-ins are not reaching the PBX.
            public var exportStale: Bool?

            public init(last: ImportReport? = nil, held: ImportReport? = nil, exportAgeSeconds: Int? = nil, exportStale: Bool? = nil) {
                self.last = last
                self.held = held
                self.exportAgeSeconds = exportAgeSeconds
                self.exportStale = exportStale
            }
        }

        /// The hotel's zone and its wall clock now (`yyyy-MM-ddTHH:mm`).
        public struct Hotel: Codable, Hashable, Sendable {
            /// An IANA name, e.g. `Asia/Shanghai`.
            public var timeZone: String
            public var now: String
            /// `pbx.ringCapacity`: wake-ups the PBX can start per minute; absent when unlimited.
            public var ringCapacity: Int?

            public init(timeZone: String, now: String, ringCapacity: Int? = nil) {
                self.timeZone = timeZone
                self.now = now
                self.ringCapacity = ringCapacity
            }
        }

        public var link: Link
        public var outbox: Outbox
        public var `import`: Import
        public var hotel: Hotel
        /// True when the built-in PBX simulator runs instead of a real PBX.
        public var simulator: Bool
        /// Rooms with a wake-up due within 60 min that the PBX has not acknowledged: an alert when
        /// above 0.
        public var unconfirmedSoon: Int
        /// Stored rows left out of planning (unreadable or outside the bounds): the admin fixes or
        /// deletes them; every other room is planned as usual.
        public var quarantined: [QuarantinedRow]

        public init(
            link: Link, outbox: Outbox, import: Import, hotel: Hotel, simulator: Bool, unconfirmedSoon: Int = 0,
            quarantined: [QuarantinedRow] = []
        ) {
            self.link = link
            self.outbox = outbox
            self.import = `import`
            self.hotel = hotel
            self.simulator = simulator
            self.unconfirmedSoon = unconfirmedSoon
            self.quarantined = quarantined
        }
    }

    /// A stored row left out of planning, and why.
    public struct QuarantinedRow: Codable, Hashable, Sendable {
        /// The table, e.g. `wakeUpPolicy`.
        public var table: String
        /// The row's key (`id`, or the room number).
        public var id: String
        /// The decoding error or the bound it breaks.
        public var problem: String

        public init(table: String, id: String, problem: String) {
            self.table = table
            self.id = id
            self.problem = problem
        }
    }
}
