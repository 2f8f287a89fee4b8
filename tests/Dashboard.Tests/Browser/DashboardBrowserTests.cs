using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using GossipSim.Engine.Trace;
using GossipSim.TestSupport;
using Microsoft.Playwright;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Tests.Browser;

/// <summary>
/// The dashboard in a real browser (Debian's chromium driven by Playwright) over a real run:
/// the scenario command is started as the user starts it, with --dashboard; every node must
/// appear on the page; a kill pressed on the page must get the peer removed by the seeds and
/// from the picture; quit pressed on the page ends the run. Skipped when /usr/bin/chromium is
/// not installed (failed in CI).
/// </summary>
[Category("Browser")]
public partial class DashboardBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private string _dir = "";
    private Process? _run;
    private readonly List<string> _stdout = new();

    [SetUp]
    public void MakeDir()
    {
        // One fixture instance runs every test: the previous test's output must not answer for this one's.
        lock (_stdout) _stdout.Clear();
        _run = null;
        _dir = Directory.CreateTempSubdirectory("gossipsim-dashboard-").FullName;
    }

    [TearDown]
    public void Cleanup()
    {
        // Every process this test started: the scenario command and, below it, the node processes.
        if (_run is { HasExited: false })
        {
            _run.Kill(entireProcessTree: true);
            _run.WaitForExit(10_000);
        }
        _run?.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Test]
    public async Task AKillPressedOnThePage_RemovesThePeerFromTheNetworkAndFromThePicture()
    {
        NeedChromium();
        var clock = Stopwatch.StartNew();
        string outDir = Path.Combine(_dir, "out");
        string url = StartRun("dashboard-small.json", outDir);

        await using var browserPage = await OpenBrowserPage(url);
        var page = browserPage.Page;

        // Every node the launcher started (its manager's list, typed at the terminal) is on the page, linked.
        var nodes = await WaitForList(n => n.Count == 11 && n.Values.All(s => s == "up"), "3 seeds and 8 peers up");
        await page.WaitForFunctionAsync(
            @"addrs => addrs.every(a => document.querySelector(`#seeds [data-addr=""${a}""]`)
                                      || (gossipsim.graph.has(a) && gossipsim.node(a)?.st === 'up'))
                       && gossipsim.graph.links >= 8",
            nodes.Keys.ToArray(), new PageWaitForFunctionOptions { Timeout = (float)Generous.TotalMilliseconds, PollingInterval = 250 });
        Assert.That(await page.Locator("#seeds .seed-chip").CountAsync(), Is.EqualTo(3));
        Assert.That(await page.EvaluateAsync<int>("() => gossipsim.graph.peers"), Is.EqualTo(8));
        Assert.That(await page.Locator("#mode").TextContentAsync(), Does.Contain("live"));
        // Loopback processes cannot cut the network: the page shows no partition or heal.
        Assert.That(await page.Locator("#btn-partition").IsHiddenAsync() && await page.Locator("#btn-heal").IsHiddenAsync(), Is.True);

        // Click the peer of highest degree where it is drawn, press kill.
        string victim = await page.EvaluateAsync<string>(
            "() => gossipsim.nodes().filter(n => !n.seed).sort((a, b) => b.deg - a.deg)[0].id");
        await ClickPeer(page, victim);
        await page.Locator("#btn-kill").ClickAsync();
        await page.Locator("#manager-output").Filter(new() { HasTextRegex = new Regex($"killed peer {Regex.Escape(victim)}") })
            .WaitForAsync(new() { Timeout = (float)Generous.TotalMilliseconds });

        // Drawn grey and labelled at once, then gone from the picture once the seeds remove it.
        var wait = new PageWaitForFunctionOptions { Timeout = (float)Generous.TotalMilliseconds, PollingInterval = 200 };
        await page.WaitForFunctionAsync("a => { const n = gossipsim.graph.node(a); return n && n.color === '#9ca3af' && n.label.startsWith('✕'); }", victim, wait);
        await page.WaitForFunctionAsync("a => !gossipsim.graph.has(a)", victim, wait);
        await Screenshot(page, "dashboard-kill.png", $"the dashboard after {victim} was killed from the page and removed");

        // The network removed it: a majority of the seeds traced its removal, and the launcher lists it DOWN.
        int removedBy = SeedsThatRemoved(outDir, victim);
        Assert.That(removedBy, Is.GreaterThanOrEqualTo(2), "removed by a majority of the 3 seeds");
        var after = await WaitForList(n => n.GetValueOrDefault(victim) == "DOWN", $"{victim} DOWN");
        Assert.That(after.Count(kv => kv.Value == "up"), Is.EqualTo(10));
        var timeline = await page.Locator("#timeline").TextContentAsync();
        Assert.That(timeline, Does.Contain(victim), "the failure timeline names the crashed peer");
        Assert.That(await page.Locator("#log").TextContentAsync(), Does.Contain($"page: kill {victim}"));

        // Quit pressed on the page ends the run, which writes its results with the kill in them.
        await page.Locator("#btn-quit").ClickAsync();
        Assert.That(_run!.WaitForExit((int)Generous.TotalMilliseconds), Is.True, "the run should stop after quit");
        Assert.That(_run.ExitCode, Is.Zero, Output());
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var failure = summary.RootElement.GetProperty("failures").EnumerateArray().Single();
        Assert.That(failure.GetProperty("node").GetString(), Is.EqualTo(victim));
        Assert.That(failure.GetProperty("removedAt").ValueKind, Is.EqualTo(JsonValueKind.Number));
        browserPage.AssertNoScriptErrors();
        TestContext.Out.WriteLine($"browser test done in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Clicks a peer where the graph view draws it (the layout may move it a little between tries) until the page selects it.</summary>
    private static async Task ClickPeer(IPage page, string peer)
    {
        var box = await page.Locator("#graph").BoundingBoxAsync() ?? throw new AssertionException("the graph is not on the page");
        for (int attempt = 0; attempt < 20; attempt++)
        {
            var at = await page.EvaluateAsync<JsonElement>("a => gossipsim.graph.node(a)", peer);
            await page.Mouse.ClickAsync(box.X + (float)at.GetProperty("x").GetDouble(), box.Y + (float)at.GetProperty("y").GetDouble());
            if ((await page.Locator("#node-info").TextContentAsync() ?? "").Contains(peer, StringComparison.Ordinal)) return;
            await page.WaitForTimeoutAsync(300);
        }
        Assert.Fail($"clicking where {peer} is drawn did not select it");
    }

    /// <summary>
    /// A screenshot of the whole page, attached to the test's result; <paramref name="atRest"/>:
    /// once the layout has stopped (it stops by itself when the picture stops changing, as in a
    /// paused replay). With GOSSIPSIM_SCREENSHOTS set to a folder (docs/img, to renew the
    /// documentation's pictures) it is written there too.
    /// </summary>
    private static async Task Screenshot(IPage page, string name, string description, bool atRest = false)
    {
        if (atRest)
            await page.WaitForFunctionAsync("() => !gossipsim.graph.layoutRunning", null,
                new PageWaitForFunctionOptions { Timeout = (float)TimeSpan.FromMinutes(3).TotalMilliseconds, PollingInterval = 200 });
        await page.WaitForTimeoutAsync(atRest ? 500 : 1500); // the last positions drawn
        string shot = Path.Combine(TestContext.CurrentContext.WorkDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        TestContext.AddTestAttachment(shot, description);
        if (Environment.GetEnvironmentVariable("GOSSIPSIM_SCREENSHOTS") is { Length: > 0 } folder)
            File.Copy(shot, Path.Combine(folder, name), overwrite: true);
    }

    /// <summary>Follows the last listed message that <paramref name="picks"/> (a JavaScript predicate on a listed message) chooses, and waits until every peer it reached is drawn green; how many it reached.</summary>
    private static async Task<int> FollowLastMessage(IPage page, string picks, PageWaitForFunctionOptions wait)
    {
        int reached = await page.EvaluateAsync<int>($@"async () => {{
            const m = gossipsim.frame.messages.filter({picks}).at(-1);
            await gossipsim.follow(m.i); return m.reached; }}");
        await page.WaitForFunctionAsync($"() => gossipsim.graph.reachedCount() >= {reached}", null, wait);
        return reached;
    }

    private static void NeedChromium() => MachineParts.Require(MachinePart.Chromium, File.Exists(Chromium) ? null : $"{Chromium} is missing");

    /// <summary>The dashboard at <paramref name="url"/> in a new page; its script errors go into <paramref name="errors"/>.</summary>
    private async Task<IPage> OpenPage(IBrowser browser, string url, List<string> errors)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1500, Height = 1000 } });
        page.PageError += (_, e) => { lock (errors) errors.Add(e); };
        var console = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") lock (console) console.Add($"{m.Type}: {m.Text}"); };
        page.RequestFailed += (_, r) => { lock (console) console.Add($"request failed: {r.Url} ({r.Failure})"); };
        // The page is ready when its script has run (window.gossipsim, set at the end of app.js), not at the navigation's "load":
        // under a CI's four lanes a page once took more than 30 s to fire it (Playwright's default), so the navigation waits for
        // the first answer only and the readiness wait below has the generous minute.
        try { await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = (float)Generous.TotalMilliseconds }); }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            Assert.Fail($"the page did not load ({ex.Message.Split('\n')[0]}); the command's output: {Output()}");
        }
        // Every test asks the page's script: a script that stopped before it, or did not load, says why here, not as "gossipsim is
        // not defined" from the test's first wait (CI, once, with no more to go on).
        try { await page.WaitForFunctionAsync("() => window.gossipsim !== undefined", null, new PageWaitForFunctionOptions { Timeout = (float)Generous.TotalMilliseconds, PollingInterval = 100 }); }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            string said;
            lock (errors) lock (console) said = string.Join(" | ", errors.Concat(console));
            Assert.Fail($"the page's script did not start ({ex.Message.Split('\n')[0]}); its errors and failed requests: "
                + (said.Length == 0 ? "none" : said) + $"; the command's output: {Output()}");
        }
        return page;
    }

    private static Task<IBrowser> Launch(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Chromium,
        Headless = true,
        // No GPU here: WebGL (the graph view) runs on chromium's software renderer, SwiftShader.
        Args = new[] { "--no-sandbox", "--enable-unsafe-swiftshader", "--use-angle=swiftshader", "--disable-background-networking", "--disable-component-update", "--no-first-run" },
    });

    /// <summary>Starts the scenario command with the dashboard on a port the OS chooses; returns the printed address.</summary>
    private string StartRun(string scenarioFile, string outDir) =>
        StartDashboard(Path.Combine(TestContext.CurrentContext.TestDirectory, scenarioFile), "--dashboard", "--dashboard-port", "0", "--out", outDir, "--quiet");

    /// <summary>Starts the Scenarios command with <paramref name="args"/>; returns the dashboard address it prints.</summary>
    private string StartDashboard(params string[] args)
    {
        _run?.Dispose(); // a command run before it (to make its results) has ended
        _run = StartScenarios(args);
        var deadline = DateTime.UtcNow + Generous;
        while (DateTime.UtcNow < deadline && !_run.HasExited)
        {
            lock (_stdout)
            {
                var line = _stdout.FirstOrDefault(l => l.StartsWith("dashboard: http://127.0.0.1:", StringComparison.Ordinal));
                if (line != null) return line["dashboard: ".Length..].Trim();
            }
            Thread.Sleep(100);
        }
        Assert.Fail("the scenario command printed no dashboard address: " + Output());
        return "";
    }

    /// <summary>Starts the Scenarios command with <paramref name="args"/>, its output (both streams) collected for <see cref="Output"/>.</summary>
    private Process StartScenarios(string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "GossipSim.Scenarios.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        var run = new Process { StartInfo = psi };
        run.OutputDataReceived += (_, e) => { if (e.Data != null) lock (_stdout) _stdout.Add(e.Data); };
        run.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_stdout) _stdout.Add("stderr: " + e.Data); };
        run.Start();
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();
        return run;
    }

    /// <summary>Types <c>list</c> at the run's terminal until its answer satisfies <paramref name="done"/>; address → up/DOWN.</summary>
    private async Task<Dictionary<string, string>> WaitForList(Func<Dictionary<string, string>, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Generous;
        var last = new Dictionary<string, string>();
        while (DateTime.UtcNow < deadline && !_run!.HasExited)
        {
            int from;
            lock (_stdout) from = _stdout.Count;
            await _run.StandardInput.WriteLineAsync("list");
            await _run.StandardInput.FlushAsync();
            await Task.Delay(1200);
            List<string> answer;
            lock (_stdout) answer = _stdout.Skip(from).ToList();
            var listed = answer.Select(l => ListLine().Match(l)).Where(m => m.Success && !m.Groups[2].Value.EndsWith(":0", StringComparison.Ordinal)).ToList();
            if (listed.Count > 0) last = listed.GroupBy(m => m.Groups[2].Value).ToDictionary(g => g.Key, g => g.Last().Groups[3].Value);
            if (done(last)) return last;
        }
        Assert.Fail($"waited for {what}; last list: {string.Join(", ", last.Select(kv => kv.Key + " " + kv.Value))}; output: {Output()}");
        return last;
    }

    private static int SeedsThatRemoved(string outDir, string victim)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        int count = 0;
        while (DateTime.UtcNow < deadline)
        {
            count = 0;
            foreach (var dir in Directory.GetDirectories(Path.Combine(outDir, "nodes"), "seed-*"))
            {
                string file = Path.Combine(dir, "trace.jsonl");
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                while (reader.ReadLine() is { } line)
                {
                    if (!line.EndsWith('}') || !line.Contains("\"member-removed\"", StringComparison.Ordinal)) continue;
                    var e = TraceJson.Parse(System.Text.Encoding.UTF8.GetBytes(line));
                    if (e.Peer.ToString() == victim) { count++; break; }
                }
            }
            if (count >= 2) return count;
            Thread.Sleep(500);
        }
        return count;
    }

    private string Output()
    {
        lock (_stdout) return string.Join("\n", _stdout.TakeLast(40));
    }

    [GeneratedRegex(@"^manager> (seed|peer) \d+ (\S+) (up|DOWN)")]
    private static partial Regex ListLine();
}
