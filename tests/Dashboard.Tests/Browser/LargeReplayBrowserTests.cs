using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace GossipSim.Dashboard.Tests.Browser;

public partial class DashboardBrowserTests
{
    /// <summary>
    /// The 10,000-peer replay of docs/dashboard-10k.json, 32.2 s in (the hub crashed at 26 s and
    /// suspected, not yet removed): the page draws every peer and every link, the crashed hub is
    /// drawn grey and labelled, and a followed message turns every peer it reached green. Time to
    /// the first full render and the frames drawn per second while the layout runs are measured
    /// and written to dashboard-10k-figures.txt (not asserted: the machine sets them).
    /// </summary>
    [Test]
    public async Task ATenThousandPeerReplay_DrawsEveryPeerAndLink_WithTheCrashAndAFollowedMessageVisible()
    {
        NeedChromium();
        string bin = TestContext.CurrentContext.TestDirectory;
        string results = Path.Combine(_dir, "dash10k");
        var sim = RunToEnd(Path.Combine(bin, "dashboard-10k.json"), "--trace", "on", "--logs", "off", "--out", results, "--quiet");
        Assert.That(sim, Is.Zero, "the 10,000-peer simulation: " + Output());
        string url = StartDashboard("replay", results, "--at", "32.2");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var pageErrors = new List<string>();
        var page = await OpenPage(browser, url, pageErrors);
        var wait = new PageWaitForFunctionOptions { Timeout = (float)TimeSpan.FromMinutes(3).TotalMilliseconds, PollingInterval = 100 };

        // Every peer the frame holds is in the drawn graph, every link too, and a render held them all.
        await page.WaitForFunctionAsync("() => gossipsim.frame && gossipsim.frame.t >= 32 && gossipsim.graph.firstFullRenderMs != null", null, wait);
        var drawn = await page.EvaluateAsync<JsonElement>(@"() => ({
            peers: gossipsim.graph.peers, links: gossipsim.graph.links,
            visible: gossipsim.frame.counters.visiblePeers, frameLinks: gossipsim.frame.edges.length, counted: gossipsim.frame.counters.links,
            firstFrame: gossipsim.graph.firstFrameMs, firstFull: gossipsim.graph.firstFullRenderMs })");
        Assert.That(drawn.GetProperty("visible").GetInt32(), Is.EqualTo(10_000), "at 32.2 s every peer is up or crashed, none removed yet");
        Assert.That(drawn.GetProperty("peers").GetInt32(), Is.EqualTo(10_000), "every peer drawn");
        Assert.That(drawn.GetProperty("links").GetInt32(), Is.EqualTo(drawn.GetProperty("frameLinks").GetInt32()), "every link drawn");
        Assert.That(drawn.GetProperty("frameLinks").GetInt32(), Is.EqualTo(drawn.GetProperty("counted").GetInt32()), "the frame holds every link counted");

        // Frames drawn while ForceAtlas2 lays the picture out in its worker (the next 10 renders, or until it
        // settles), and the page's own animation frames meanwhile: measured, not bounded.
        var rate = await page.EvaluateAsync<JsonElement>(@"() => new Promise(done => {
            const g = gossipsim.graph, r0 = g.renders, t0 = performance.now(); let ticks = 0;
            const count = () => { ticks++; if (g.renders < r0 + 10 && g.layoutRunning) { requestAnimationFrame(count); return; }
                const s = (performance.now() - t0) / 1000;
                done({ renders: g.renders - r0, seconds: s, animationFrames: ticks }); };
            requestAnimationFrame(count); })");
        Assert.That(rate.GetProperty("renders").GetInt32(), Is.GreaterThan(0), "the picture is redrawn as it is laid out");
        double seconds = rate.GetProperty("seconds").GetDouble();

        // The crashed hub: grey, labelled with its crash and suspicion.
        string hub = await page.EvaluateAsync<string>("() => gossipsim.frame.nodes.find(n => !n.seed && n.st === 'crashed').id");
        var hubDrawn = await page.EvaluateAsync<JsonElement>("a => gossipsim.graph.node(a)", hub);
        Assert.That(hubDrawn.GetProperty("color").GetString(), Is.EqualTo("#9ca3af"));
        Assert.That(hubDrawn.GetProperty("label").GetString(), Does.StartWith("✕").And.Contain("crashed 26.00 s").And.Contain("suspected"));

        // Follow the last message created after the crash that reached nearly everyone: every peer it reached turns green.
        int reached = await page.EvaluateAsync<int>(@"async () => {
            const m = gossipsim.frame.messages.filter(m => m.t > 26 && m.reached > 9000).at(-1);
            await gossipsim.follow(m.i); return m.reached; }");
        await page.WaitForFunctionAsync($"() => gossipsim.graph.reachedCount() >= {reached}", null, wait);

        // Let the layout settle, then the screenshot (docs/img/dashboard-10k-replay.png is one).
        await page.WaitForFunctionAsync("() => !gossipsim.graph.layoutRunning", null, wait);
        await page.WaitForTimeoutAsync(500);
        string shot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "dashboard-10k-replay.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        TestContext.AddTestAttachment(shot, "the 10,000-peer replay at 32.2 s, every peer drawn, one message followed");

        string figures = string.Create(CultureInfo.InvariantCulture,
            $"peers drawn {drawn.GetProperty("peers").GetInt32()}, links drawn {drawn.GetProperty("links").GetInt32()}; " +
            $"first frame {drawn.GetProperty("firstFrame").GetDouble():F0} ms and first render of every peer {drawn.GetProperty("firstFull").GetDouble():F0} ms after navigation; " +
            $"while laid out: {rate.GetProperty("renders").GetInt32() / seconds:F1} renders/s and {rate.GetProperty("animationFrames").GetInt32() / seconds:F1} animation frames/s over {seconds:F1} s");
        File.WriteAllText(Path.Combine(TestContext.CurrentContext.WorkDirectory, "dashboard-10k-figures.txt"), figures + "\n");
        TestContext.Out.WriteLine(figures);
        lock (pageErrors) Assert.That(pageErrors, Is.Empty, "errors in the page's script");
    }

    /// <summary>Runs the Scenarios command with <paramref name="args"/> to its end (killed if it outlives the test's patience); its exit code.</summary>
    private int RunToEnd(params string[] args)
    {
        _run = StartScenarios(args);
        if (!_run.WaitForExit(TimeSpan.FromMinutes(5))) Assert.Fail("the simulation did not end within 5 minutes: " + Output());
        _run.WaitForExit();
        return _run.ExitCode;
    }
}
