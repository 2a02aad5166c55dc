import Hummingbird
import ReveilleStore

/// Runs every route that may reach the database with a ``StoreExecutor`` as its task executor
/// preference: reads on ``StoreExecutor/reads``, writes on ``StoreExecutor/writes``. A request
/// that waits for SQLite (a lock another process holds, a large read) then blocks one of those
/// threads, never Swift's cooperative pool, so the answers that need no database (the PBX link,
/// the page's files, `/metrics`) come at once whatever the database is doing.
///
/// Deny by default here too: a route is off the cooperative pool unless it is on the short list
/// of those that never touch the store.
struct StoreThreads<Context: RequestContext>: RouterMiddleware {
    /// The database the writes go to (their deadlines are its own).
    let store: Store
    /// Routes (as matched) that never touch the store.
    let withoutDatabase: Set<String>
    /// How long a write may wait for a lock another process holds, from the moment its body has
    /// arrived (``Store/withWriteDeadline(_:isolation:operation:)``): then it is answered `503 busy`,
    /// nothing done.
    let writePatience: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let route = context.endpointPath, withoutDatabase.contains(route) {
            return try await next(request, context)
        }
        if request.method == .get || request.method == .head {
            return try await withTaskExecutorPreference(StoreExecutor.reads) { try await next(request, context) }
        }
        // The body first: a slow upload must not hold a deadline that has run out (while one is
        // pending, every write waiting for a lock stops at it).
        var request = request
        do {
            _ = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw APIError.bodyTooLarge(context.maxUploadSize)  // as the handlers' own `decodeBody` says it
        }
        return try await store.withWriteDeadline(.now + writePatience) { [request] in
            try await withTaskExecutorPreference(StoreExecutor.writes) { try await next(request, context) }
        }
    }
}
