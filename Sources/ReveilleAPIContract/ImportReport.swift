extension API {
    /// What one occupancy import did: `import.last`/`import.held` of ``Status``, and the reply of
    /// `POST /api/imports/approve`.
    public struct ImportReport: Codable, Hashable, Sendable {
        /// The export's file name.
        public var file: String
        /// `applied`, `held` (the hotel would empty, or too many stays would vanish at once),
        /// `rejected` (unreadable as a whole) or `waiting` (the store failed: tried again).
        public var outcome: String
        public var checkIns: Int
        public var checkOuts: Int
        public var moves: Int
        public var updates: Int
        /// The first 100 rows that could not be used; their rooms keep their previous state.
        public var problems: [RowProblem]
        /// Every row that could not be used (`nil` from a service before the bound).
        public var problemCount: Int?
        /// The first 100 rows used with a remark: a guest language that is unknown or has no
        /// prompt in `wakeup.prompts` (the default prompt plays).
        public var warnings: [RowProblem]
        /// Every row used with a remark.
        public var warningCount: Int?
        /// Why the file was rejected or held.
        public var reason: String?

        public init(
            file: String, outcome: String, checkIns: Int = 0, checkOuts: Int = 0, moves: Int = 0, updates: Int = 0,
            problems: [RowProblem] = [], warnings: [RowProblem] = [], reason: String? = nil, problemCount: Int? = nil,
            warningCount: Int? = nil
        ) {
            self.problemCount = problemCount
            self.warningCount = warningCount
            self.file = file
            self.outcome = outcome
            self.checkIns = checkIns
            self.checkOuts = checkOuts
            self.moves = moves
            self.updates = updates
            self.problems = problems
            self.warnings = warnings
            self.reason = reason
        }
    }

    /// A row of an export that could not be used: where it is and why.
    public struct RowProblem: Codable, Hashable, Sendable {
        public var file: String
        public var line: Int
        /// The row's room, when it could be read.
        public var room: String?
        public var reason: String

        public init(file: String, line: Int, room: String? = nil, reason: String) {
            self.file = file
            self.line = line
            self.room = room
            self.reason = reason
        }
    }
}
