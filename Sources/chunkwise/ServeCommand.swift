import Analytics
import ArgumentParser
import Dispatch
import Foundation
import Schema
import Server
import Synchronization

/// `chunkwise serve`: the PostgREST endpoints the NQP Python code calls, answered in-process.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer Supabase/PostgREST requests (/rest/v1/rpc/<fn>, /rest/v1/<table>) from COPY CSV fixtures, without a database.")

    @Option(name: .long, parsing: .upToNextOption, help: "COPY CSV files or directories of them; a file loads into the table its name starts with.")
    var data: [String] = []

    @Option(name: .long, parsing: .upToNextOption, help: "Table-store directories written by `simulate --save` (docs/STORE.md); loaded before --data, which adds to them.")
    var store: [String] = []

    @Option(name: .long, parsing: .upToNextOption, help: "Migration SQL files: tables, functions, GRANTs (default: built-in NQP tables and migration 010).")
    var schema: [String] = []

    @Option(name: .long, help: "Address to bind.")
    var host: String = "127.0.0.1"

    @Option(name: .long, parsing: .unconditional, help: "Port to bind (0 picks a free one; the listening line says which).")
    var port: Int = 54321

    @Option(name: .long, parsing: .unconditional, help: "Pin now() for every request (timestamptz text); default: the wall clock.")
    var now: String?

    @Option(name: .long, parsing: .unconditional, help: "The session TimeZone (IANA name).")
    var timezone: String = "UTC"

    @Option(name: .customLong("jwt-secret"), help: "Verify HS256 tokens with this secret and check the role claim against the GRANTs.")
    var jwtSecret: String?

    @Option(name: .customLong("anon-role"), help: "The role of requests without a token (PostgREST's db-anon-role).")
    var anonRole: String = "anon"

    @Option(name: .customLong("max-rows"), help: "Answer at most N rows per table read or function call, as PostgREST's db-max-rows (Supabase's default is 1000); default: no cap.")
    var maxRows: Int?

    @Option(name: .customLong("idle-timeout"), help: "Close a connection that sends nothing for this many seconds (slow or stuck clients).")
    var idleTimeout: Int = 30

    func validate() throws {
        guard idleTimeout > 0 else { throw ValidationError("--idle-timeout must be positive") }
        if let maxRows, maxRows < 1 { throw ValidationError("--max-rows must be positive") }
        guard PGTimeZone(name: timezone) != nil else { throw ValidationError("invalid value for parameter \"TimeZone\": \"\(timezone)\"") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        if let jwtSecret, jwtSecret.utf8.count < 32 { throw ValidationError("--jwt-secret must be at least 32 characters (PostgREST's minimum)") }
    }

    func run() throws {
        var config = ServedDatabase.Configuration()
        config.schemaFiles = schema
        config.dataPaths = data
        config.storeDirectories = store
        config.timeZone = PGTimeZone(name: timezone) ?? .utc
        config.jwtSecret = jwtSecret
        config.anonymousRole = anonRole
        config.maximumRows = maxRows
        if let now {
            do { config.now = try AnalyticsSession(now: now, timeZone: timezone).now } catch { throw ValidationError("--now: \(error)") }
        }
        let database: ServedDatabase
        do { database = try ServedDatabase(config) } catch {
            throw CommandFailure(message: String(describing: error))
        }
        var server = RestServer(api: RestAPI(database: database), host: host, port: port)
        server.idleTimeout = .seconds(Int64(idleTimeout))
        let failure = ServeFailure()
        let done = DispatchSemaphore(value: 0)
        let host = self.host
        RestServer.useEventLoopsAsConcurrencyExecutor()
        Task {
            do {
                try await server.run { bound in
                    FileHandle.standardOutput.write(Data("chunkwise serve: listening on http://\(host):\(bound)\n".utf8))
                }
            } catch {
                failure.message.withLock { $0 = "\(error)" }
            }
            done.signal()
        }
        done.wait()
        if let message = failure.message.withLock({ $0 }) {
            throw CommandFailure(message: message)
        }
    }
}

/// Why the server stopped, handed from its task to the command.
final class ServeFailure: Sendable {
    let message = Mutex<String?>(nil)
}
