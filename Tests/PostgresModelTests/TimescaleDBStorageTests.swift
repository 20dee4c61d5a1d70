import Testing
import Schema
import Storage
import Codecs
@testable import PostgresModel

@Suite("PostgreSQL storage of TimescaleDB's compressed rows")
struct TimescaleDBStorageTests {
    @Test("with toast_tuple_target 128 a large EXTERNAL datum goes out of line in 1996-byte chunks")
    func largeDatumIsToasted() {
        let attrs: [ToastedTuple.Attribute] = [
            .fixed(4, alignment: 4),
            .varlena(.external, bytes: nil, size: 3000, alignment: 8),
        ]
        let t = ToastedTuple(attributes: attrs, target: 128)
        #expect(t.externals.count == 1)
        #expect(t.externals.first?.storedBytes == 2996)
        // header 24 + int4 + 18-byte TOAST pointer.
        #expect(t.tupleSize == 24 + 4 + 18)
    }

    @Test("datums no larger than a TOAST pointer stay inline")
    func smallDatumStaysInline() {
        let attrs: [ToastedTuple.Attribute] = [
            .varlena(.external, bytes: nil, size: 2100, alignment: 8),
            .varlena(.external, bytes: nil, size: 24, alignment: 8),
        ]
        let t = ToastedTuple(attributes: attrs, target: 16)
        #expect(t.externals.map(\.attribute) == [0])
    }

    @Test("a row under TOAST_TUPLE_THRESHOLD is not toasted even above toast_tuple_target")
    func smallRowIsNotToasted() {
        let attrs: [ToastedTuple.Attribute] = (0..<10).map { _ in .varlena(.external, bytes: nil, size: 150, alignment: 8) }
        let t = ToastedTuple(attributes: attrs, target: 128)
        #expect(t.externals.isEmpty)
        #expect(t.tupleSize > 1000)
    }

    @Test("an EXTENDED datum is pglz-compressed before going out of line")
    func extendedIsCompressed() {
        let datum = ByteWriter.varlenaHeader(totalSize: 3004) + Array(repeating: 0x61, count: 3000)
        let t = ToastedTuple(attributes: [.varlena(.extended, bytes: datum, size: datum.count, alignment: 8)], target: 128)
        // Compressed to a few bytes: small enough to stay inline.
        #expect(t.externals.isEmpty)
        #expect(t.tupleSize < 100)
    }

    @Test("four full TOAST chunks fill a page; the fifth extends the relation and creates the FSM")
    func toastPages() {
        var fill = HeapPageFill()
        for _ in 0..<4 { fill.insert(tupleLength: 36 + 1996) }
        #expect(fill.pageCount == 1)
        #expect(!fill.fsmCreated)
        fill.insert(tupleLength: 36 + 1996)
        #expect(fill.pageCount == 2)
        #expect(fill.fsmPages == 3)
    }

    @Test("a tuple that no longer fits the current page goes back to an earlier page the FSM recorded")
    func fsmReuse() {
        var fill = HeapPageFill()
        for _ in 0..<3 { fill.insert(tupleLength: 36 + 1996) }   // page 0: 2056 bytes left
        fill.insert(tupleLength: 2532)                            // too big: page 0 recorded, page 1 added
        fill.insert(tupleLength: 1900)
        fill.insert(tupleLength: 36 + 1996)
        fill.insert(tupleLength: 36 + 1996)                       // page 1 full: the FSM offers page 0
        #expect(fill.pageCount == 2)
    }

    @Test("a one-leaf btree is a metapage plus the leaf")
    func smallBTree() {
        #expect(BTreeSize.incrementalPages(entries: 40, tupleSize: 16) == 2)
        #expect(BTreeSize.incrementalPages(entries: 0, tupleSize: 16) == 1)
    }
}
