import Foundation

/// A throwaway PostgreSQL 15 cluster for differential tests.
///
/// `initdb` runs in a fresh temporary directory as the `postgres` OS user (when the tests run as
/// root), the server listens on 127.0.0.1 only, on a free port, and is stopped and deleted when the
/// test process exits. Statements go through `psql`, so no client library is needed.
///
/// ```swift
/// let pg = try PostgresCluster.shared()
/// let out = try pg.query("SELECT 1 + 1")   // "2"
/// ```
public final class PostgresCluster: @unchecked Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case unavailable(String)
        case command(String, status: Int32, output: String)

        public var description: String {
            switch self {
            case .unavailable(let why): return "PostgreSQL is not available: \(why)"
            case .command(let cmd, let status, let output): return "\(cmd) exited \(status): \(output)"
            }
        }
    }

    /// Where Debian's postgresql-15 package puts the server binaries.
    public static let binDirectory = ProcessInfo.processInfo.environment["CHUNKWISE_PG_BIN"] ?? "/usr/lib/postgresql/15/bin"

    /// Whether the server binaries are installed.
    public static var isInstalled: Bool {
        FileManager.default.isExecutableFile(atPath: binDirectory + "/initdb")
    }

    /// Tests that need PostgreSQL fail in CI when it is missing, and are skipped with a message elsewhere.
    public static var mustRun: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// Whether tests that need a server run: it is installed, or this is CI (where a missing server
    /// is a failure, not a skip). Use as `@Test(.enabled(if: PostgresCluster.canRun))`.
    public static var canRun: Bool { isInstalled || mustRun }

    public let directory: String
    public let port: Int
    private let runAsPostgres: Bool
    private let lock = NSLock()

    nonisolated(unsafe) private static var sharedCluster: PostgresCluster?
    nonisolated(unsafe) private static var sharedError: (any Error)?
    private static let sharedLock = NSLock()

    /// The process-wide cluster, started on first use and stopped at exit.
    public static func shared() throws -> PostgresCluster {
        sharedLock.lock()
        defer { sharedLock.unlock() }
        if let c = sharedCluster { return c }
        if let e = sharedError { throw e }
        do {
            let c = try PostgresCluster()
            sharedCluster = c
            atexit {
                PostgresCluster.sharedCluster?.stop()
            }
            return c
        } catch {
            sharedError = error
            throw error
        }
    }

    /// Starts a new cluster. `sharedBuffers` is PostgreSQL's `shared_buffers` setting (a small
    /// value lets a test table outgrow it cheaply).
    public init(sharedBuffers: String = "128MB") throws {
        guard PostgresCluster.isInstalled else {
            throw Failure.unavailable("\(PostgresCluster.binDirectory)/initdb not found (apt-get install postgresql-15)")
        }
        runAsPostgres = getuid() == 0
        let base = FileManager.default.temporaryDirectory.path + "/chunkwise-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        directory = base
        port = PostgresCluster.freePort()
        if runAsPostgres {
            _ = try PostgresCluster.run("/bin/chown", ["-R", "postgres:postgres", base])
        }
        try runServerTool("initdb", ["-D", base + "/data", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"])
        let conf = """
            listen_addresses = '127.0.0.1'
            port = \(port)
            unix_socket_directories = '\(base)'
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            shared_buffers = \(sharedBuffers)
            max_connections = 20
            timezone = 'UTC'
            """
        let confPath = base + "/data/postgresql.conf"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: confPath))
        handle.seekToEndOfFile()
        handle.write(Data(("\n" + conf + "\n").utf8))
        try handle.close()
        // The postmaster outlives pg_ctl: give it no pipe of ours to hold open.
        try runServerTool("pg_ctl", ["-D", base + "/data", "-l", base + "/server.log", "-w", "-t", "60", "start"], detached: true)
    }

    /// Stops the server and removes its directory.
    public func stop() {
        _ = try? runServerTool("pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs SQL through psql (`ON_ERROR_STOP`, unaligned, tuples only) and returns its output without
    /// the final newline.
    @discardableResult
    public func query(_ sql: String, database: String = "postgres") throws -> String {
        try psql(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database], input: sql)
    }

    /// Runs SQL and returns what psql prints in its default CSV mode (header included), for COPY output.
    public func csv(_ sql: String, database: String = "postgres") throws -> String {
        try psql(["-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1", "-d", database], input: sql)
    }

    /// Creates a fresh database and returns its name.
    public func createDatabase(_ prefix: String = "t") throws -> String {
        let name = "\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
        try query("CREATE DATABASE \(name)")
        return name
    }

    /// Runs a SQL script the way `psql -f FILE` runs a migration (errors do not stop it) and returns
    /// everything psql printed, errors included as `psql:FILE:LINE: ERROR:  message`.
    public func script(_ sql: String, file: String, database: String = "postgres") throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/" + file
        try Data(sql.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let full = ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=0",
                    "-d", database, "-f", path]
        return try PostgresCluster.run(PostgresCluster.binDirectory + "/psql", full, mergeErrors: true)
    }

    /// psql with arguments and standard input; stdout on success.
    public func psql(_ args: [String], input: String) throws -> String {
        let full = ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres"] + args
        let out = try PostgresCluster.run(PostgresCluster.binDirectory + "/psql", full, input: input)
        var s = out
        if s.hasSuffix("\n") { s.removeLast() }
        return s
    }

    private func runServerTool(_ tool: String, _ args: [String], detached: Bool = false) throws {
        let path = PostgresCluster.binDirectory + "/" + tool
        if runAsPostgres {
            _ = try PostgresCluster.run("/usr/sbin/runuser", ["-u", "postgres", "--", path] + args, detached: detached)
        } else {
            _ = try PostgresCluster.run(path, args, detached: detached)
        }
    }

    /// Runs a program to completion with posix_spawn and waitpid: standard input from a file,
    /// output to files, so no pipe can be held open by a server the program leaves running.
    static func run(_ executable: String, _ args: [String], input: String? = nil, detached: Bool = false,
                    mergeErrors: Bool = false) throws -> String {
        let scratch = FileManager.default.temporaryDirectory.path + "/chunkwise-run-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let inPath = scratch + ".in", outPath = scratch + ".out", errPath = scratch + ".err"
        _ = FileManager.default.createFile(atPath: inPath, contents: Data((input ?? "").utf8))
        defer {
            for f in [inPath, outPath, errPath] { try? FileManager.default.removeItem(atPath: f) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, detached ? "/dev/null" : outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if mergeErrors {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, detached ? "/dev/null" : errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        var env = ProcessInfo.processInfo.environment
        env["PGTZ"] = nil
        env["LC_ALL"] = "C"
        let argv = ([executable] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard rc == 0 else { throw Failure.command(executable, status: rc, output: "posix_spawn failed") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        guard code == 0 else {
            let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw Failure.command(([executable] + args).joined(separator: " "), status: code, output: err + out)
        }
        return out
    }

    /// A port the kernel just handed out on 127.0.0.1 (bound and released).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        let port = Int(UInt16(bigEndian: addr.sin_port))
        return port == 0 ? 55_432 : port
    }
}
