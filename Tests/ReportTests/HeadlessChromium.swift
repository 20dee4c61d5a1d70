import Foundation
import Testing

/// Debian's `chromium` in headless mode, run on a file on this machine only (every host name
/// resolves to nothing, so the page cannot reach the network even if it tried).
enum HeadlessChromium {
    static let executable: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether the browser tests run: chromium present, or CI (where its absence is a failure).
    static var enabled: Bool { executable != nil || ProcessInfo.processInfo.environment["CI"] == "true" }

    struct Run {
        var dom: String
        /// The page's console messages (chromium logs them as `…:CONSOLE…] "text", source: …`).
        var console: [String]
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Loads `html` (written to a temporary file) and returns the DOM after the load event, or
    /// takes a screenshot to `screenshot` or prints the page to `pdf` instead.
    static func load(html: String, width: Int = 1200, height: Int = 1600, screenshot: URL? = nil, pdf: URL? = nil) throws -> Run {
        guard let executable else { throw Failure(description: "chromium is not installed (apt-get install chromium; the Makefile's deps does it)") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chunkwise-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("stdout"), err = dir.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        var args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                    "--user-data-dir=\(dir.appendingPathComponent("profile").path)", "--host-resolver-rules=MAP * ~NOTFOUND",
                    "--hide-scrollbars", "--enable-logging=stderr", "--v=0", "--window-size=\(width),\(height)"]
        if let pdf {
            args += ["--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer"]
        } else {
            args.append(screenshot.map { "--screenshot=\($0.path)" } ?? "--dump-dom")
        }
        args.append(page.absoluteString)
        p.arguments = args
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in done.signal() }
        try p.run()
        if done.wait(timeout: .now() + 120) == .timedOut {
            p.terminate()
            throw Failure(description: "chromium did not finish within 120 s")
        }
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        guard p.terminationStatus == 0 else {
            throw Failure(description: "chromium exited with \(p.terminationStatus):\n" + stderr.suffix(2000))
        }
        let console = stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return Run(dom: (try? String(contentsOf: out, encoding: .utf8)) ?? "", console: console)
    }

    /// The page with a probe script (test only; the report itself has no scripts) that logs every
    /// failed resource load and script error to the console and, after the load event, records
    /// what was laid out in `data-probe` on the root element: each SVG's id and rendered size, the
    /// number of data points drawn, and whether the page is wider than the window.
    static func probed(_ html: String) -> String {
        let probe = """
            <script>
            window.addEventListener('error', function (e) {
              var t = e.target;
              if (t && t !== window && (t.src || t.href)) { console.log('RESOURCE-ERROR ' + (t.src || t.href)); }
              else { console.log('SCRIPT-ERROR ' + e.message); }
            }, true);
            window.addEventListener('load', function () {
              var svgs = Array.prototype.map.call(document.querySelectorAll('svg'), function (s) {
                var r = s.getBoundingClientRect();
                return s.id + ':' + Math.round(r.width) + 'x' + Math.round(r.height)
                  + ':' + s.querySelectorAll('circle.point').length + ':' + s.querySelectorAll('rect.bar').length;
              });
              document.documentElement.setAttribute('data-probe', JSON.stringify({
                svgs: svgs,
                overflow: document.documentElement.scrollWidth > window.innerWidth + 1,
                width: window.innerWidth
              }));
            });
            </script>
            """
        return html.replacingOccurrences(of: "<head>", with: "<head>" + probe)
    }

    /// The probe's record from a dumped DOM.
    static func probe(_ dom: String) throws -> (svgs: [String], overflow: Bool, width: Int) {
        guard let start = dom.range(of: "data-probe=\"")?.upperBound,
              let end = dom[start...].firstIndex(of: "\"") else { throw Failure(description: "the probe did not run (no data-probe in the DOM)") }
        let json = String(dom[start..<end]).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        struct Record: Decodable { var svgs: [String]; var overflow: Bool; var width: Int }
        let r = try JSONDecoder().decode(Record.self, from: Data(json.utf8))
        return (r.svgs, r.overflow, r.width)
    }
}
