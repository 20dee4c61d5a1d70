// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Chunkwise",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ChunkwiseSchema", targets: ["Schema"]),
        .library(name: "ChunkwiseCodecs", targets: ["Codecs"]),
        .library(name: "ChunkwiseStorage", targets: ["Storage"]),
        .library(name: "ChunkwiseAnalytics", targets: ["Analytics"]),
        .library(name: "ChunkwisePostgresModel", targets: ["PostgresModel"]),
        .library(name: "ChunkwisePlanner", targets: ["Planner"]),
        .library(name: "ChunkwiseReport", targets: ["Report"]),
        .library(name: "ChunkwiseServer", targets: ["Server"]),
        .executable(name: "chunkwise", targets: ["chunkwise"]),
        .executable(name: "chunkwise-bench", targets: ["chunkwise-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Scenario files (`chunkwise plan --scenario FILE.toml`).
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // `chunkwise serve`: the HTTP server (Hummingbird 2) and HS256 token verification (HMAC-SHA256).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        // The system zlib: `.gz` COPY exports are read streaming.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // glibc's malloc.h (mallopt), for the executables' one malloc arena (Storage.MallocArenas).
        .systemLibrary(name: "CMalloc"),
        .target(name: "Schema", swiftSettings: strict),
        .target(name: "Codecs", dependencies: ["CZstd"], swiftSettings: strict),
        .target(name: "Storage", dependencies: ["Schema", "Codecs", "CZstd", "CZlib", "CMalloc"], swiftSettings: strict),
        .target(name: "Analytics", dependencies: ["Schema", "Storage"], swiftSettings: strict),
        .target(name: "PostgresModel", dependencies: ["Schema", "Codecs", "Storage"], swiftSettings: strict),
        .target(name: "Planner", dependencies: ["Schema", "Codecs", "Storage", "PostgresModel",
                                               .product(name: "TOMLKit", package: "TOMLKit")], swiftSettings: strict),
        // Every command's report model, rendered as text tables, JSON, markdown and HTML.
        .target(name: "Report", dependencies: ["Planner", "PostgresModel", "Analytics", "Storage", "Schema"], swiftSettings: strict),
        // PostgREST's wire conventions over the in-process engine: `chunkwise serve`.
        .target(
            name: "Server",
            dependencies: [
                "Schema", "Storage", "Analytics",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                // The event loops double as Swift Concurrency's executor (no thread hop per request).
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "chunkwise",
            dependencies: [
                "Schema", "Codecs", "Storage", "Analytics", "PostgresModel", "Planner", "Report", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // `chunkwise-bench` (`make bench`): the benchmark suite, Chunkwise beside a throwaway PostgreSQL 15
        // on the same data, and the callgrind workloads of the instruction-count guard (bench/instructions).
        // No Server/Hummingbird, so its release build stays light.
        .executableTarget(
            name: "chunkwise-bench",
            dependencies: [
                "Schema", "Codecs", "Storage", "Analytics", "Planner", "Report", "LocalPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // A throwaway PostgreSQL 15 cluster on 127.0.0.1 (Debian's postgresql-15, run as the postgres
        // user in a temporary directory): the differential tests and the side-by-side benchmarks.
        .target(name: "LocalPostgres", swiftSettings: strict),
        // Test support: locates ../shared test data, seeded randomness; re-exports LocalPostgres.
        .target(name: "TestSupport", dependencies: ["LocalPostgres"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "SchemaTests", dependencies: ["Schema", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "CodecsTests", dependencies: ["Codecs", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Schema", "Codecs", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "AnalyticsTests", dependencies: ["Analytics", "Storage", "Schema", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "PostgresModelTests", dependencies: ["PostgresModel", "Codecs", "Storage", "Schema", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "PostgresModel", "Storage", "Schema", "TestSupport"], swiftSettings: strict),
        // Snapshot tests of the plan renderers and the HTML report opened in headless Chromium.
        .testTarget(name: "ReportTests", dependencies: ["Report", "Planner", "PostgresModel", "Analytics", "Schema", "Storage", "TestSupport"], exclude: ["Snapshots"], swiftSettings: strict),
        .testTarget(name: "ServerTests", dependencies: ["Server", "Analytics", "Storage", "Schema", "TestSupport"], swiftSettings: strict),
        // Uses only the public API of the library products, the way a user's own test target would.
        .testTarget(name: "PublicAPIExampleTests", dependencies: ["Analytics", "Storage", "Schema"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
