import Foundation
import Testing

/// `simulate --save` and `--store` through the `chunkwise` executable: a round trip into `query`,
/// `compare` and `plan`, and a damaged store refused with exit 1 naming the file and the block.
@Suite(.serialized) struct StoreCommandLineTests {
    typealias CLI = HostileCommandLineTests
    static let ticker = "00000000-0000-4000-8000-0000000000aa"

    static func savedStore(_ name: String) throws -> (directory: String, data: String) {
        let data = try CLI.file("store-cli-\(name).csv", CLI.goodData)
        let directory = FileManagerPaths.temporary("store-cli-\(name)")
        try? FileManager.default.removeItem(atPath: directory)
        let saved = try CLI.run(CLI.simulate + ["--data", data, "--chunk-interval", "1 day", "--save", directory])
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory + "/market_data.cwstore"))
        return (directory, data)
    }

    @Test(.enabled(if: CLI.binary != nil)) func savedChunksAnswerQueriesAsTheDataDoes() throws {
        let (directory, data) = try Self.savedStore("query")
        let query = ["query", "get_latest_price", "--ticker", Self.ticker, "--interval", "1m", "--now", "2024-01-02 00:00:00+00"]
        let fromStore = try CLI.run(query + ["--store", directory])
        let fromData = try CLI.run(query + ["--data", data])
        #expect(fromStore.status == 0, "\(fromStore.stderr)")
        #expect(fromStore.stdout == fromData.stdout && fromStore.stdout.contains("1.25"))
        let compared = try CLI.run(["compare", "--table", "market_data", "--store", directory, "--setting", "segmentby=ticker_id;orderby=timestamp DESC"])
        #expect(compared.status == 0, "\(compared.stderr)")
        // The stored key plus the same file again is a duplicate, as loading the file twice would be.
        let twice = try CLI.run(query + ["--store", directory, "--data", data])
        #expect(twice.status == 1 && twice.stderr.contains("duplicate key"))
    }

    @Test(.enabled(if: CLI.binary != nil)) func aDamagedStoreIsRefusedNamingFileAndBlock() throws {
        let (directory, _) = try Self.savedStore("damaged")
        let path = directory + "/market_data.cwstore"
        var bytes = Array(try #require(FileManager.default.contents(atPath: path)))
        bytes[bytes.count - 30] ^= 0x04
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let query = ["query", "get_latest_price", "--ticker", Self.ticker, "--store", directory, "--now", "2024-01-02 00:00:00+00"]
        let refused = try CLI.run(query)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains(path) && refused.stderr.contains("block") && refused.stderr.contains("checksum mismatch"))
        #expect(refused.stdout.isEmpty)
        try Data(bytes[0..<(bytes.count / 2)]).write(to: URL(fileURLWithPath: path))
        let cut = try CLI.run(["compare", "--table", "market_data", "--store", directory, "--setting", "segmentby=ticker_id"])
        #expect(cut.status == 1 && cut.stderr.contains("truncated") && cut.stderr.contains(path))
    }
}
